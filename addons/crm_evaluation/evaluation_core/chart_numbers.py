"""Numbers on the printed report's charts, and the order of their segments.

Axis and bar labels are short: ``1,3 tỷ ₫`` and ``600 tr ₫`` for a Vietnamese reader,
``1.3B ₫`` and ``600M ₫`` for an English one. A ``NumberStyle`` says how a language
writes them (its decimal point and the words of each scale); ``abbreviate`` writes one
value, with a unit (a currency symbol, "%") when given.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class NumberStyle:
    """How a language abbreviates: ``scales`` are ``(factor, word)``, largest first;
    ``spaced``: a space between the number and its scale word ("600 tr", not "600M")."""

    decimal_point: str = "."
    thousands_sep: str = ","
    scales: tuple = ((10**9, "B"), (10**6, "M"), (10**3, "k"))
    spaced: bool = False


ENGLISH = NumberStyle()
# tỷ (10^9), triệu (10^6, written "tr"), nghìn (10^3): how Vietnamese charts and
# newspapers write amounts in đồng
VIETNAMESE = NumberStyle(
    decimal_point=",",
    thousands_sep=".",
    scales=((10**9, "tỷ"), (10**6, "tr"), (10**3, "nghìn")),
    spaced=True,
)


def style_for(lang_code, decimal_point=None, thousands_sep=None):
    """The style of a language code (``vi_VN`` -> Vietnamese words, others the English
    letters), with the language's own separators when given."""
    base = VIETNAMESE if (lang_code or "").split("_")[0] == "vi" else ENGLISH
    return NumberStyle(
        decimal_point=decimal_point or base.decimal_point,
        thousands_sep=base.thousands_sep if thousands_sep is None else thousands_sep,
        scales=base.scales,
        spaced=base.spaced,
    )


def _one_decimal(value):
    """``value`` rounded half up to one decimal, as a Decimal."""
    return Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _digits(number, style):
    """A non-negative Decimal with at most one decimal, written in ``style``: a trailing
    ",0" dropped, thousands grouped."""
    whole, _dot, decimals = f"{number:.1f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = style.thousands_sep.join([whole, *groups])
    if decimals.strip("0"):
        text += style.decimal_point + decimals
    return text


def abbreviate(value, style=ENGLISH, unit="", unit_before=False):
    """``value`` as a short label: the largest scale it reaches, one decimal at most
    (half up; ``1_250_000_000`` -> ``1.3B``), the unit after it with a space
    (``1,3 tỷ ₫``) or before it without one (``$1.3B``). A value that rounds up to
    the next scale is written in it (``999_960_000`` -> ``1B``, not ``1,000M``)."""
    value = float(value or 0.0)
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    number, word, place = _one_decimal(magnitude), "", len(style.scales)
    for index, (factor, scale_word) in enumerate(style.scales):
        if magnitude >= factor:
            number, word, place = _one_decimal(magnitude / factor), scale_word, index
            break
    # rounding may reach the next scale: 999.96 million is 1 billion
    if place:
        factor = style.scales[place][0] if place < len(style.scales) else 1
        bigger, bigger_word = style.scales[place - 1]
        if number * factor >= bigger:
            number, word = _one_decimal(number * factor / bigger), bigger_word
    text = _digits(number, style)
    if number == 0:
        sign = ""
    if word:
        text += (" " if style.spaced else "") + word
    if unit and unit_before:
        return f"{sign}{unit}{text}"
    if unit:
        return f"{sign}{text} {unit}"
    return f"{sign}{text}"


def segment_order(rows):
    """Rows of segments (dicts with ``min_score``, ``code`` and ``name``) from the best
    segment down, A to D: by minimum score, highest first, then code and name. Rows
    without a minimum score (no segment) come last."""

    def key(row):
        score = row.get("min_score")
        return (score is None, -(score or 0.0), row.get("code") or "", row.get("name") or "")

    return sorted(rows, key=key)
