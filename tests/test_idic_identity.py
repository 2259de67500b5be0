"""Tier 1 tests of crm_idic's pure Identify rules (idic_core/identity.py)."""

from datetime import date

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from idic_core.identity import (
    anniversary_in_year,
    completeness,
    due_anniversaries,
    is_filled,
    next_anniversary,
    normalize_phone,
    normalize_vat,
)

# ---------------------------------------------------------------- normalize_phone


@pytest.mark.parametrize(
    "number",
    [
        "+84 90 123 4567",
        "+84901234567",
        "+84-90-123-4567",
        "0084901234567",
        "0084 90 123 4567",
        "090-123-4567",
        "0901234567",
        "090.123.4567",
        "(090) 123 4567",
        "  090 123 4567  ",
        "090/123/4567",
        "+84 (0)90 123 4567",
        "(+84) 90 123 4567",
    ],
)
def test_normalize_phone_vietnamese_forms_share_one_key(number):
    assert normalize_phone(number) == "0901234567"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("+33 1 23 45 67 89", "0033123456789"),
        ("0033 1 23 45 67 89", "0033123456789"),
        ("+1 (212) 555-0100", "0012125550100"),
        ("+65 6123 4567", "006561234567"),
    ],
)
def test_normalize_phone_foreign_numbers_keep_international_prefix(number, expected):
    assert normalize_phone(number) == expected


def test_normalize_phone_foreign_and_domestic_digits_differ():
    # The same trailing digits in France and in Vietnam are not the same number.
    assert normalize_phone("+33 123456789") != normalize_phone("0123456789")


def test_normalize_phone_other_home_country():
    assert normalize_phone("+33 1 23 45 67 89", country_prefix="33") == "0123456789"
    assert normalize_phone("+84 90 123 4567", country_prefix="33") == "0084901234567"


@pytest.mark.parametrize(
    "number",
    [None, False, "", "   ", "abc", "12345", "1-2-3-4-5", "+84 12345", "0012345", "00000000"],
)
def test_normalize_phone_too_short_or_empty_gives_empty_key(number):
    assert normalize_phone(number) == ""


@pytest.mark.parametrize(
    ("number", "expected"),
    [("123456", "123456"), ("012345 6", "0123456"), ("+84 123456", "0123456")],
)
def test_normalize_phone_six_significant_digits_are_enough(number, expected):
    assert normalize_phone(number) == expected


@pytest.mark.parametrize("number", ["(+84) 90 123 4567", "(0084) 90 123 4567"])
def test_normalize_phone_leading_separator_before_international_prefix(number):
    assert normalize_phone(number) == "0901234567"


PHONE_PREFIXES = (
    *("", "+", "00", "0", "+84", "0084", "84", "+33", "0033", "(", " ", "-"),
    # leading separators before an international prefix: the known counterexamples
    *("(+84) ", "(0084) ", "0 084", "(00) 33 "),
)


@st.composite
def phone_texts(draw):
    """Phone-like text: a prefix, then groups of digits split by separators."""
    prefix = draw(st.sampled_from(PHONE_PREFIXES))
    groups = draw(
        st.lists(st.text(alphabet="0123456789", min_size=1, max_size=4), min_size=2, max_size=5)
    )
    separator = draw(st.sampled_from(["", " ", "-", ".", "/", ") ", "+"]))
    return prefix + separator.join(groups)


@given(phone_texts())
@example("0901234567")
@example("+84 90 123 4567")
@example("+33 1 23 45 67 89")
@example("+0 84 90 123 4567")
@example("+840840000")
@example("+84 090 123 4567")
def test_property_normalize_phone_is_idempotent_on_national_keys(text):
    """normalize_phone(key) == key for a non-empty key starting with "0"."""
    key = normalize_phone(text)
    assume(key.startswith("0"))
    assert normalize_phone(key) == key


def test_normalize_phone_idempotent_after_leading_separator():
    key = normalize_phone("(0084) 90 123 4567")
    assert normalize_phone(key) == key


# ---------------------------------------------------------------- normalize_vat


@pytest.mark.parametrize(
    "vat",
    [
        "VN0101234567",
        "vn0101234567",
        "Vn 0101-234 567",
        "0101234567",
        "0101.234.567",
        " 0101 234567 ",
    ],
)
def test_normalize_vat_vietnamese_code_with_or_without_prefix_share_one_key(vat):
    assert normalize_vat(vat) == normalize_vat("0101234567")
    assert "0101234567" in normalize_vat(vat)


def test_normalize_vat_branch_suffix_keeps_its_digits():
    assert normalize_vat("0101234567-001") == normalize_vat("VN 0101234567 001")
    assert normalize_vat("0101234567-001").endswith("0101234567001")
    assert normalize_vat("0101234567-001") != normalize_vat("0101234567")


@pytest.mark.parametrize(
    ("vat", "expected"),
    [
        ("fr 12-345 678 901", "FR12345678901"),
        ("FR12345678901", "FR12345678901"),
        ("de/123.456.789", "DE123456789"),
        ("vn-abc123", "VNABC123"),  # "VN" not followed by digits only is not the VN prefix
    ],
)
def test_normalize_vat_other_prefixes_are_kept_upper_case(vat, expected):
    assert normalize_vat(vat) == expected


def test_normalize_vat_foreign_prefix_is_not_dropped():
    assert normalize_vat("FR12345678901") != normalize_vat("12345678901")


@pytest.mark.parametrize("vat", [None, False, "", "  ", "-./"])
def test_normalize_vat_empty(vat):
    assert normalize_vat(vat) == ""


def test_normalize_vat_docstring_example():
    assert normalize_vat("vn 0101-234 567") == "0101234567"


# ---------------------------------------------------------------- is_filled


@pytest.mark.parametrize(
    "value",
    [0, 0.0, -1, 3.5, True, "a", " a ", [0], ("x",), {"k": None}, {0}, date(2000, 1, 1)],
    ids=repr,
)
def test_is_filled_known_values(value):
    assert is_filled(value) is True


@pytest.mark.parametrize(
    "value",
    [None, False, "", "  ", "\t\n", [], (), {}, set(), frozenset()],
    ids=repr,
)
def test_is_filled_unknown_values(value):
    assert is_filled(value) is False


# ---------------------------------------------------------------- completeness


def test_completeness_without_requirement_is_complete():
    assert completeness({}, []) == (100.0, [])
    assert completeness({"email": ""}, ()) == (100.0, [])


def test_completeness_all_filled():
    assert completeness({"email": "a@b.vn", "phone": "0901234567"}, ["email", "phone"]) == (
        100.0,
        [],
    )


def test_completeness_none_filled():
    assert completeness({}, ["email", "phone"]) == (0.0, ["email", "phone"])


def test_completeness_missing_keeps_order_of_required():
    values = {"street": "1 Le Loi", "phone": "0901234567", "vat": "  "}
    required = ["vat", "email", "street", "phone", "website"]
    assert completeness(values, required) == (40.0, ["vat", "email", "website"])


def test_completeness_duplicates_in_required_counted_once():
    values = {"phone": "0901234567"}
    assert completeness(values, ["email", "phone", "email", "phone"]) == (50.0, ["email"])


def test_completeness_zero_is_filled():
    assert completeness({"employees": 0, "email": False}, ["employees", "email"]) == (
        50.0,
        ["email"],
    )


@pytest.mark.parametrize(
    ("filled", "required", "pct"),
    [(1, 3, 33.33), (2, 3, 66.67), (1, 7, 14.29), (5, 6, 83.33), (3, 8, 37.5)],
)
def test_completeness_rounds_to_two_decimals(filled, required, pct):
    names = [f"f{i}" for i in range(required)]
    values = {name: "x" for name in names[:filled]}
    result, missing = completeness(values, names)
    assert result == pct
    assert missing == names[filled:]


def test_completeness_accepts_any_iterable_of_names():
    assert completeness({"a": 1}, (name for name in ["a", "b"])) == (50.0, ["b"])


# ---------------------------------------------------------------- anniversaries

LEAP_DAY = date(2000, 2, 29)


@pytest.mark.parametrize(
    ("day", "year", "expected"),
    [
        (LEAP_DAY, 2023, date(2023, 2, 28)),
        (LEAP_DAY, 2024, date(2024, 2, 29)),
        (LEAP_DAY, 2100, date(2100, 2, 28)),  # not a leap year
        (date(1990, 7, 4), 2025, date(2025, 7, 4)),
        (date(1990, 2, 28), 2024, date(2024, 2, 28)),
    ],
)
def test_anniversary_in_year(day, year, expected):
    assert anniversary_in_year(day, year) == expected


@pytest.mark.parametrize(
    ("day", "today", "expected"),
    [
        (date(1990, 6, 15), date(2025, 6, 15), date(2025, 6, 15)),  # today itself is due
        (date(1990, 6, 16), date(2025, 6, 15), date(2025, 6, 16)),
        (date(1990, 6, 14), date(2025, 6, 15), date(2026, 6, 14)),  # passed this year
        (date(1990, 1, 1), date(2025, 12, 31), date(2026, 1, 1)),
        (date(1990, 12, 31), date(2025, 12, 31), date(2025, 12, 31)),
        (LEAP_DAY, date(2025, 2, 28), date(2025, 2, 28)),
        (LEAP_DAY, date(2025, 1, 10), date(2025, 2, 28)),
        (LEAP_DAY, date(2025, 3, 1), date(2026, 2, 28)),
        (LEAP_DAY, date(2027, 3, 1), date(2028, 2, 29)),
        (LEAP_DAY, date(2028, 2, 29), date(2028, 2, 29)),
        (LEAP_DAY, date(2028, 2, 28), date(2028, 2, 29)),
        (LEAP_DAY, date(2028, 3, 1), date(2029, 2, 28)),
    ],
)
def test_next_anniversary(day, today, expected):
    assert next_anniversary(day, today) == expected


def test_due_anniversaries_window_edges_are_inclusive():
    today = date(2025, 6, 15)
    days = {
        1: date(1980, 6, 15),  # today: due
        2: date(1990, 6, 25),  # today + 10: last day of the window, due
        3: date(1990, 6, 26),  # today + 11: too far
        4: date(1990, 6, 14),  # yesterday: next one is next year
        5: None,
        6: False,
        7: date(2001, 6, 20),
    }
    assert due_anniversaries(days, today, 10) == {
        1: date(2025, 6, 15),
        2: date(2025, 6, 25),
        7: date(2025, 6, 20),
    }


def test_due_anniversaries_zero_lead_days_is_today_only():
    today = date(2025, 6, 15)
    days = {"a": date(1980, 6, 15), "b": date(1980, 6, 16)}
    assert due_anniversaries(days, today, 0) == {"a": today}


def test_due_anniversaries_across_new_year():
    today = date(2025, 12, 28)
    days = {"a": date(1970, 1, 3), "b": date(1970, 1, 4), "c": date(1970, 12, 27)}
    assert due_anniversaries(days, today, 6) == {"a": date(2026, 1, 3)}


def test_due_anniversaries_leap_day_in_common_year():
    days = {"leap": LEAP_DAY}
    assert due_anniversaries(days, date(2025, 2, 20), 8) == {"leap": date(2025, 2, 28)}
    assert due_anniversaries(days, date(2025, 2, 20), 7) == {}


def test_due_anniversaries_empty():
    assert due_anniversaries({}, date(2025, 6, 15), 30) == {}
    assert due_anniversaries({1: None}, date(2025, 6, 15), 365) == {}
