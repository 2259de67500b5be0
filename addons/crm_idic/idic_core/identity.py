"""Identify: profile completeness, duplicate keys and anniversaries."""

from __future__ import annotations

import re
from datetime import date, timedelta

_NOT_DIGITS = re.compile(r"\D+")
_DIGIT = re.compile(r"\d")
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")


def normalize_phone(number, calling_code):
    """Digits of a phone number in national form, for comparing numbers.

    ``calling_code`` is the international calling code of the home country
    (the company's), such as ``"84"`` for Vietnam or ``"33"`` for France, or
    ``""`` when unknown. A ``+`` before the first digit or a leading ``00``
    marks an international number. One of the home country gets its national
    form with one trunk zero: with ``"84"``, ``+84 90 123 4567``,
    ``(0084) 901234567`` and ``090-123-4567`` all give ``0901234567``. Other
    international numbers keep their international digits after ``00``
    (``+33 1 23 45 67 89`` gives ``0033123456789``), and so does every
    international number when the home country is unknown. A national number
    keeps its digits. Fewer than six digits are not a usable number and give
    an empty string.
    """
    if not number:
        return ""
    calling_code = _NOT_DIGITS.sub("", str(calling_code or ""))
    text = str(number).strip()
    digits = _NOT_DIGITS.sub("", text)
    first_digit = _DIGIT.search(text)
    lead = text[: first_digit.start()] if first_digit else text
    international = "+" in lead or digits.startswith("00")
    digits = digits.removeprefix("00")
    if international:
        if calling_code and digits.startswith(calling_code):
            # "+84 (0)90..." keeps one trunk zero
            digits = "0" + digits[len(calling_code) :].lstrip("0")
        else:
            digits = "00" + digits
    if len(digits.lstrip("0")) < 6:
        return ""
    return digits


def normalize_vat(vat, country_code):
    """Upper-case letters and digits of a tax code, for comparing codes.

    ``country_code`` is the two-letter ISO code of the home country (the
    company's), or empty when unknown. A code of the home country loses that
    prefix when digits follow it: with ``"VN"``, ``vn 0101-234 567`` and
    ``0101234567`` both give ``0101234567``. Codes of other countries keep
    their prefix (``fr 12 345`` gives ``FR12345``), and so does every code when
    the home country is unknown.
    """
    if not vat:
        return ""
    key = _NOT_ALNUM.sub("", str(vat).upper())
    prefix = str(country_code or "").strip().upper()
    if len(prefix) == 2 and prefix.isalpha() and key.startswith(prefix) and key[2:].isdigit():
        key = key[2:]
    return key


def is_filled(value):
    """Whether a field value counts as known: not empty, not False/None, not an empty set.

    Zero is a known number.
    """
    if value is None or value is False:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (int, float)):
        return True
    try:
        return len(value) > 0
    except TypeError:
        return bool(value)


def completeness(values, required):
    """(percentage, missing) of a profile.

    ``values`` maps a field name to its value; ``required`` lists the field
    names that a complete profile has. With no requirement a profile is
    complete. ``missing`` keeps the order of ``required``.
    """
    required = list(dict.fromkeys(required))
    if not required:
        return 100.0, []
    missing = [name for name in required if not is_filled(values.get(name))]
    pct = round((len(required) - len(missing)) * 100.0 / len(required), 2)
    return pct, missing


def anniversary_in_year(day, year):
    """The anniversary of ``day`` in ``year``; 29 February falls on 28 February in common years."""
    try:
        return day.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def next_anniversary(day, today):
    """The first anniversary of ``day`` on or after ``today``."""
    this_year = anniversary_in_year(day, today.year)
    if this_year >= today:
        return this_year
    return anniversary_in_year(day, today.year + 1)


def due_anniversaries(days_by_key, today, lead_days):
    """Anniversaries due within ``lead_days`` from ``today``.

    ``days_by_key`` maps a key (a partner id) to its birthday or founding
    date. Returns {key: next anniversary} for those falling in
    ``[today, today + lead_days]``.
    """
    horizon = today + timedelta(days=lead_days)
    due = {}
    for key, day in days_by_key.items():
        if not day:
            continue
        upcoming = next_anniversary(day, today)
        if upcoming <= horizon:
            due[key] = upcoming
    return due
