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

VN, FR = "84", "33"  # calling codes of the home country


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
    assert normalize_phone(number, VN) == "0901234567"


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
    assert normalize_phone(number, VN) == expected


def test_normalize_phone_foreign_and_domestic_digits_differ():
    # The same trailing digits in France and in Vietnam are not the same number.
    assert normalize_phone("+33 123456789", VN) != normalize_phone("0123456789", VN)


@pytest.mark.parametrize(
    "number",
    [
        "+33 1 23 45 67 89",
        "+33 (0)1 23 45 67 89",
        "0033 1 23 45 67 89",
        "(+33) 1 23 45 67 89",
        "01 23 45 67 89",
        "01.23.45.67.89",
        "0123456789",
    ],
)
def test_normalize_phone_french_company_french_forms_share_one_key(number):
    assert normalize_phone(number, FR) == "0123456789"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("+84 90 123 4567", "0084901234567"),
        ("0084 90 123 4567", "0084901234567"),
        ("090 123 4567", "0901234567"),  # national: a French number to a French company
        ("+44 20 7946 0958", "00442079460958"),
    ],
)
def test_normalize_phone_french_company_other_numbers(number, expected):
    assert normalize_phone(number, FR) == expected


def test_normalize_phone_vietnamese_number_differs_between_home_countries():
    # "+84 ..." is a national number for a Vietnamese company, a foreign one for a French one
    assert normalize_phone("+84 90 123 4567", VN) == "0901234567"
    assert normalize_phone("+84 90 123 4567", FR) == "0084901234567"


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("+84 90 123 4567", "0084901234567"),
        ("(0084) 90 123 4567", "0084901234567"),
        ("+33 1 23 45 67 89", "0033123456789"),
        ("+84 (0)90 123 4567", "00840901234567"),
        ("090-123-4567", "0901234567"),
        ("01 23 45 67 89", "0123456789"),
        ("212 555 0100", "2125550100"),
    ],
)
@pytest.mark.parametrize("unknown", ["", None, False, 0])
def test_normalize_phone_without_home_country(number, expected, unknown):
    """International numbers keep "00" and their digits, national numbers stay as they are."""
    assert normalize_phone(number, unknown) == expected


@pytest.mark.parametrize("calling_code", [84, "+84", " 84 "])
def test_normalize_phone_calling_code_forms(calling_code):
    assert normalize_phone("+84 90 123 4567", calling_code) == "0901234567"


@pytest.mark.parametrize(
    ("number", "calling_code", "expected"),
    [
        ("+358 9 1234 5678", "358", "0912345678"),  # a three-digit code
        ("09 1234 5678", "358", "0912345678"),
        ("+358 9 1234 5678", "33", "00358912345678"),
        ("+33 1 23 45 67 89", "358", "0033123456789"),
    ],
)
def test_normalize_phone_longer_calling_codes(number, calling_code, expected):
    assert normalize_phone(number, calling_code) == expected


def test_normalize_phone_needs_the_calling_code():
    with pytest.raises(TypeError):
        normalize_phone("0901234567")


@pytest.mark.parametrize(
    "number",
    [None, False, "", "   ", "abc", "12345", "1-2-3-4-5", "+84 12345", "0012345", "00000000"],
)
def test_normalize_phone_too_short_or_empty_gives_empty_key(number):
    assert normalize_phone(number, VN) == ""


@pytest.mark.parametrize(
    "number", [None, False, "", "   ", "abc", "12345", "1-2-3-4-5", "0012345", "00000000"]
)
@pytest.mark.parametrize("calling_code", [FR, ""])
def test_normalize_phone_too_short_or_empty_in_any_country(number, calling_code):
    assert normalize_phone(number, calling_code) == ""


def test_normalize_phone_country_code_counts_as_digits_of_a_foreign_number():
    # "+84 12345" is too short at home, but seven digits once "84" is kept
    assert normalize_phone("+84 12345", VN) == ""
    assert normalize_phone("+84 12345", FR) == "008412345"
    assert normalize_phone("+84 12345", "") == "008412345"


@pytest.mark.parametrize(
    ("number", "expected"),
    [("123456", "123456"), ("012345 6", "0123456"), ("+84 123456", "0123456")],
)
def test_normalize_phone_six_significant_digits_are_enough(number, expected):
    assert normalize_phone(number, VN) == expected


@pytest.mark.parametrize("number", ["(+84) 90 123 4567", "(0084) 90 123 4567"])
def test_normalize_phone_leading_separator_before_international_prefix(number):
    assert normalize_phone(number, VN) == "0901234567"


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


CALLING_CODES = st.sampled_from([VN, FR, "1", "44", "358", ""])


@given(phone_texts(), CALLING_CODES)
@example("0901234567", VN)
@example("+84 90 123 4567", VN)
@example("+33 1 23 45 67 89", VN)
@example("+33 1 23 45 67 89", FR)
@example("+0 84 90 123 4567", VN)
@example("+840840000", VN)
@example("+84 090 123 4567", VN)
@example("+84 90 123 4567", "")
def test_property_normalize_phone_is_idempotent(text, calling_code):
    """A key normalizes to itself: keys can be normalized again when the rule is rerun."""
    key = normalize_phone(text, calling_code)
    assert normalize_phone(key, calling_code) == key


@given(phone_texts(), CALLING_CODES)
def test_property_normalize_phone_key_is_digits_and_long_enough(text, calling_code):
    key = normalize_phone(text, calling_code)
    assert key == "" or (key.isdigit() and len(key.lstrip("0")) >= 6)


@given(st.text(alphabet="0123456789", min_size=6, max_size=12), CALLING_CODES)
def test_property_normalize_phone_home_international_equals_national(national, calling_code):
    """+<home code> <national number without trunk zero> is the national number with one zero."""
    assume(calling_code and len(national.lstrip("0")) >= 6)
    number = "0" + national.lstrip("0")
    assert normalize_phone(f"+{calling_code} {national.lstrip('0')}", calling_code) == number
    assert normalize_phone(f"00{calling_code}{national}", calling_code) == number
    assert normalize_phone(number, calling_code) == number


def test_normalize_phone_idempotent_after_leading_separator():
    key = normalize_phone("(0084) 90 123 4567", VN)
    assert normalize_phone(key, VN) == key


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
    assert normalize_vat(vat, "VN") == normalize_vat("0101234567", "VN")
    assert "0101234567" in normalize_vat(vat, "VN")


def test_normalize_vat_branch_suffix_keeps_its_digits():
    assert normalize_vat("0101234567-001", "VN") == normalize_vat("VN 0101234567 001", "VN")
    assert normalize_vat("0101234567-001", "VN").endswith("0101234567001")
    assert normalize_vat("0101234567-001", "VN") != normalize_vat("0101234567", "VN")


@pytest.mark.parametrize(
    ("vat", "expected"),
    [
        ("fr 12-345 678 901", "FR12345678901"),
        ("FR12345678901", "FR12345678901"),
        ("de/123.456.789", "DE123456789"),
        ("vn-abc123", "VNABC123"),  # "VN" not followed by digits only is not the VN prefix
        ("VN", "VN"),
    ],
)
def test_normalize_vat_other_prefixes_are_kept_upper_case(vat, expected):
    assert normalize_vat(vat, "VN") == expected


def test_normalize_vat_foreign_prefix_is_not_dropped():
    assert normalize_vat("FR12345678901", "VN") != normalize_vat("12345678901", "VN")


@pytest.mark.parametrize(
    ("vat", "expected"),
    [
        ("FR 12 345 678 901", "12345678901"),
        ("fr12345678901", "12345678901"),
        ("12345678901", "12345678901"),
        ("FR AB 345678901", "FRAB345678901"),  # letters after FR: not the prefix alone
        ("VN 0101234567", "VN0101234567"),  # a Vietnamese code for a French company
    ],
)
def test_normalize_vat_french_company(vat, expected):
    assert normalize_vat(vat, "FR") == expected


@pytest.mark.parametrize("country_code", ["fr", " FR ", "Fr"])
def test_normalize_vat_country_code_any_case(country_code):
    assert normalize_vat("FR12345678901", country_code) == "12345678901"


@pytest.mark.parametrize("unknown", ["", None, False])
@pytest.mark.parametrize(
    ("vat", "expected"),
    [
        ("VN 0101-234 567", "VN0101234567"),
        ("fr 12 345", "FR12345"),
        ("0101.234.567", "0101234567"),
    ],
)
def test_normalize_vat_without_home_country_keeps_every_prefix(vat, expected, unknown):
    assert normalize_vat(vat, unknown) == expected


@pytest.mark.parametrize("country_code", ["V", "VNM", "84", "V1"])
def test_normalize_vat_ignores_a_country_code_that_is_not_two_letters(country_code):
    assert normalize_vat("VN0101234567", country_code) == "VN0101234567"


@pytest.mark.parametrize("vat", [None, False, "", "  ", "-./"])
@pytest.mark.parametrize("country_code", ["VN", ""])
def test_normalize_vat_empty(vat, country_code):
    assert normalize_vat(vat, country_code) == ""


def test_normalize_vat_docstring_example():
    assert normalize_vat("vn 0101-234 567", "VN") == "0101234567"
    assert normalize_vat("fr 12 345", "VN") == "FR12345"


@given(
    st.sampled_from(["VN", "FR", "DE", ""]),
    st.text(alphabet="0123456789", min_size=1, max_size=14),
    st.sampled_from(["", " ", "-", "."]),
)
def test_property_normalize_vat_home_prefix_is_optional(country_code, digits, separator):
    bare = normalize_vat(digits, country_code)
    prefixed = normalize_vat(f"{country_code.lower()}{separator}{digits}", country_code)
    assert prefixed == bare == digits
    assert normalize_vat(bare, country_code) == bare


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
