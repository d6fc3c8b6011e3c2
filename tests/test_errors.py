"""Bad input to every public call: the documented exception, naming the value and what was expected.

One table drives most of it: (call, bad argument, exception type, fragments the
message must hold). Every call that takes a date, a key or an enum filter is
tried on both surfaces, the module-level functions and a Dataset.
"""

import datetime as dt

import pytest

import ilrs
from ilrs import (
    AgreementKind,
    DateWindow,
    MissionKind,
    MissionStatus,
    SignatoryType,
)
from ilrs.dates import to_date

D = dt.date
UTC = dt.timezone.utc
PLUS8 = dt.timezone(dt.timedelta(hours=8))
MINUS5 = dt.timezone(dt.timedelta(hours=-5))


def surfaces():
    """The two ways to call the queries: the module functions and a Dataset."""
    return [pytest.param(ilrs, id="module"), pytest.param(ilrs.bundled(), id="dataset")]


def raises(call, exception, *fragments):
    """Call; check it raises ``exception`` (or a subclass) with every fragment in the message."""
    with pytest.raises(exception) as caught:
        call()
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return caught.value


# -- dates: what every date-taking call refuses --------------------------------

#: Not a date at all: a TypeError naming the value's type and repr.
NOT_DATES = [
    None,
    20240601,
    2024.5,
    True,  # bool is an int, and an int is not a date
    b"2024-06-01",
    ["2024-06-01"],
    dt.time(12, 0),
    dt.timedelta(days=1),
]

#: Text that is not one day: a ValueError naming the text and the form expected.
BAD_DATE_TEXT = [
    "2024-13-45",
    "2024-02-31",
    "2023-02-29",
    "0000-01-01",
    "03/04/2024",  # 3 April or 4 March?
    "3.4.2024",
    "03-04-24",
    "June 2024",
    "2024-06",
    "2024",
    "next tuesday-ish",
    "nan",
    "2024-02-30T00:00",
    "2024-W22",  # a week: Python 3.11's fromisoformat reads it as its Monday, 3.10 refuses it
]

#: How a date message says what it wanted.
EXPECTED_DATE = ("YYYY-MM-DD", "such as '2024-06-01'")


def date_calls(api):
    return {
        "members_as_of": lambda when: api.members_as_of(when),
        "possible_members_as_of": lambda when: api.possible_members_as_of(when),
        "by_type": lambda when: api.by_type(when),
        "members_as_of(type=country)": lambda when: api.members_as_of(when, type="country"),
    }


@pytest.mark.parametrize("api", surfaces())
@pytest.mark.parametrize("value", NOT_DATES, ids=repr)
def test_a_non_date_is_a_type_error_naming_it(api, value):
    for name, call in date_calls(api).items():
        if name == "by_type" and value is None:
            continue  # by_type(None) means "no date": every signatory
        error = raises(lambda call=call: call(value), TypeError, repr(value), "expected a date")
        assert type(value).__name__ in str(error), name


@pytest.mark.parametrize("value", NOT_DATES, ids=repr)
def test_to_date_type_error_names_the_type_and_the_value(value):
    raises(lambda: to_date(value), TypeError, type(value).__name__, repr(value), "expected a date")


@pytest.mark.parametrize("api", surfaces())
@pytest.mark.parametrize("text", BAD_DATE_TEXT)
def test_bad_date_text_is_a_value_error_naming_it_and_the_form_expected(api, text):
    for name, call in [("to_date", to_date), *date_calls(api).items()]:
        error = raises(lambda call=call: call(text), ValueError, repr(text))
        assert not isinstance(error, ilrs.DataError), name
        assert any(hint in str(error) for hint in EXPECTED_DATE), (name, str(error))


@pytest.mark.parametrize("text", ["", " ", "\t\n"], ids=repr)
def test_empty_date_text_is_a_value_error(text):
    for call in (to_date, ilrs.members_as_of, ilrs.possible_members_as_of, ilrs.by_type):
        raises(lambda call=call: call(text), ValueError, "empty text", "2024-06-01")


@pytest.mark.parametrize(
    "when",
    [
        # an aware datetime whose UTC date would be before year 1 or after 9999
        dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        dt.datetime(9999, 12, 31, 23, 0, tzinfo=MINUS5),
        "0001-01-01T00:30+01:00",
        "9999-12-31T23:00-05:00",
    ],
    ids=str,
)
def test_a_day_outside_the_calendar_in_utc_is_a_value_error_not_an_overflow(when):
    error = raises(lambda: to_date(when), ValueError)
    assert repr(when) in str(error) or str(when) in str(error)


# -- dates: what every date-taking call accepts --------------------------------


@pytest.mark.parametrize(
    ("when", "day"),
    [
        (D(2024, 6, 1), D(2024, 6, 1)),
        (dt.datetime(2024, 6, 1, 23, 59), D(2024, 6, 1)),  # naive: its own date
        (dt.datetime(2024, 6, 1, 1, 0, tzinfo=PLUS8), D(2024, 5, 31)),  # aware: its UTC date
        (dt.datetime(2024, 6, 1, 20, 0, tzinfo=MINUS5), D(2024, 6, 2)),
        (dt.datetime(2024, 6, 1, 0, 0, tzinfo=UTC), D(2024, 6, 1)),
        ("2024-06-01T01:00+08:00", D(2024, 5, 31)),
        ("2024-05-31T23:00Z", D(2024, 5, 31)),
    ],
    ids=str,
)
@pytest.mark.parametrize("api", surfaces())
def test_dates_datetimes_and_aware_datetimes_are_accepted_everywhere(api, when, day):
    assert to_date(when) == day
    assert api.members_as_of(when) == api.members_as_of(day)
    assert api.possible_members_as_of(when) == api.possible_members_as_of(day)
    assert api.by_type(when) == api.by_type(day)


def test_an_aware_datetime_on_a_zone_with_daylight_saving():
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        new_york = zoneinfo.ZoneInfo("America/New_York")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database")
    # 20:30 EDT (UTC-4) on 31 May is 00:30 UTC on 1 June
    assert to_date(dt.datetime(2024, 5, 31, 20, 30, tzinfo=new_york)) == D(2024, 6, 1)


# -- enum filters ----------------------------------------------------------------


def enum_calls(api):
    """(call taking the filter value, enum it filters on, label in the message)."""
    return [
        (lambda v: api.signatories(type=v), SignatoryType, "signatory type"),
        (lambda v: api.members_as_of("2024-06-01", type=v), SignatoryType, "signatory type"),
        (
            lambda v: api.possible_members_as_of("2024-06-01", type=v),
            SignatoryType,
            "signatory type",
        ),
        (lambda v: api.timeline(type=v), SignatoryType, "signatory type"),
        (lambda v: api.agreements(kind=v), AgreementKind, "agreement kind"),
        (lambda v: api.missions(status=v), MissionStatus, "mission status"),
        (lambda v: api.missions(kind=v), MissionKind, "mission kind"),
    ]


@pytest.mark.parametrize("api", surfaces())
@pytest.mark.parametrize(
    "value", ["planet", "", "countries", 1, MissionKind.LANDER, SignatoryType.COUNTRY], ids=repr
)
def test_an_unknown_enum_value_is_a_value_error_listing_the_valid_ones(api, value):
    for call, enum, label in enum_calls(api):
        if isinstance(value, enum):
            call(value)  # a member of the right enum is fine
            continue
        error = raises(lambda call=call: call(value), ValueError, f"unknown {label}", repr(value))
        for member in enum:
            assert member.value in str(error), (label, member)


@pytest.mark.parametrize("api", surfaces())
def test_enum_filters_take_a_member_its_value_or_its_name(api):
    for call, enum, _ in enum_calls(api):
        for member in enum:
            expected = call(member)
            assert call(member.value) == expected
            assert call(member.name) == expected
            assert call(member.value.upper()) == expected


def test_timeline_point_count_refuses_an_unknown_type():
    point = ilrs.timeline()[-1]
    raises(lambda: point.count("planet"), ValueError, "'planet'", "country")


# -- keys: get, mission, plan, phase, signatory= --------------------------------


def key_calls(api):
    return {
        "get": api.get,
        "mission": api.mission,
        "phases": api.phases,
        "missions(phase=)": lambda key: api.missions(phase=key),
        "agreements(signatory=)": lambda key: api.agreements(signatory=key),
    }


@pytest.mark.parametrize("api", surfaces())
@pytest.mark.parametrize("key", [None, 1, 2.5, b"serbia", ["serbia"], ("serbia",)], ids=repr)
def test_a_key_that_is_not_text_is_a_type_error_naming_it(api, key):
    for name, call in key_calls(api).items():
        if key is None and name in {"phases", "missions(phase=)", "agreements(signatory=)"}:
            continue  # None there means "no filter" / "the current plan"
        raises(lambda call=call: call(key), TypeError, repr(key), "expected")


@pytest.mark.parametrize("api", surfaces())
@pytest.mark.parametrize(
    ("name", "key", "suggested"),
    [
        ("get", "Serbai", "'Serbia'"),
        ("get", "Pakistn", "'Pakistan'"),
        ("get", "Republic of Serbja", "'Serbia'"),
        ("mission", "change-77", '"Chang\'e-7"'),
        ("mission", "Chang'e 77", '"Chang\'e-7"'),
        ("phases", "plan-2021-6", "'plan-2021-06'"),
        ("missions(phase=)", "basic modle", "'Basic model'"),
        ("agreements(signatory=)", "Serbai", "'Serbia'"),
    ],
)
def test_an_unknown_key_is_a_lookup_error_suggesting_close_names(api, name, key, suggested):
    call = key_calls(api)[name]
    raises(lambda: call(key), LookupError, repr(key), "closest matches", suggested)


@pytest.mark.parametrize("api", surfaces())
@pytest.mark.parametrize("key", ["Atlantis", "", "   ", "zzzzzzzz"], ids=repr)
def test_a_key_with_nothing_close_is_a_lookup_error_naming_it(api, key):
    for call in key_calls(api).values():
        raises(lambda call=call: call(key), LookupError, repr(key))


def test_get_none_is_a_type_error_not_a_lookup_error():
    error = raises(lambda: ilrs.get(None), TypeError, "None")
    assert not isinstance(error, LookupError)


# -- DateWindow ------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, 2024, D(2024, 5, 8), b"2024"], ids=repr)
def test_parse_non_text_is_a_type_error(value):
    raises(lambda: DateWindow.parse(value), TypeError, repr(value), "EDTF text")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("", "expected YYYY"),
        ("May 2024", "expected YYYY"),
        ("2024-13", "impossible"),
        ("2024-00", "impossible"),
        ("2024-02-30", "impossible"),
        ("0000", "impossible"),
        ("2024-05-09/2024-05-08", "reversed"),
        ("2025/2024", "reversed"),
        ("../..", "expected YYYY"),
        ("2024/..", "expected YYYY"),
        ("2024/2025/2026", "expected YYYY"),
    ],
)
def test_parse_bad_text_is_a_value_error_naming_it(text, hint):
    raises(lambda: DateWindow.parse(text), ValueError, repr(text), hint)


@pytest.mark.parametrize(
    "call",
    [
        lambda: DateWindow.day("2024-05-08"),
        lambda: DateWindow.day(None),
        lambda: DateWindow.day(dt.datetime(2024, 5, 8)),
        lambda: DateWindow.between("2024-05-07", D(2024, 5, 8)),
        lambda: DateWindow.between(D(2024, 5, 7), 20240508),
        lambda: DateWindow.between(None, D(2024, 5, 8)),
        lambda: DateWindow.before(None),
        lambda: DateWindow.before("2025-04-28"),
    ],
    ids=[
        "day-text",
        "day-None",
        "day-datetime",
        "between-text",
        "between-int",
        "between-None",
        "before-None",
        "before-text",
    ],
)
def test_window_constructors_refuse_what_is_not_a_date_with_a_type_error(call):
    error = raises(call, TypeError, "datetime.date")
    assert "got" in str(error)


@pytest.mark.parametrize(
    ("call", "value"),
    [
        pytest.param(lambda: DateWindow.month("2024", 5), "2024", id="month-text-year"),
        pytest.param(lambda: DateWindow.month(2024.0, 5), 2024.0, id="month-float-year"),
        pytest.param(lambda: DateWindow.month(None, 5), None, id="month-None-year"),
        pytest.param(lambda: DateWindow.month(True, 5), True, id="month-bool-year"),
        pytest.param(lambda: DateWindow.month(2024, "05"), "05", id="month-text-month"),
        pytest.param(lambda: DateWindow.year("2024"), "2024", id="year-text"),
        pytest.param(lambda: DateWindow.year(None), None, id="year-None"),
        pytest.param(lambda: DateWindow.year(False), False, id="year-bool"),
    ],
)
def test_month_and_year_refuse_what_is_not_an_integer_with_a_type_error(call, value):
    raises(call, TypeError, repr(value), "int")


@pytest.mark.parametrize(
    ("call", "value"),
    [
        pytest.param(lambda: DateWindow.month(2024, 13), 13, id="month-13"),
        pytest.param(lambda: DateWindow.month(2024, 0), 0, id="month-0"),
        pytest.param(lambda: DateWindow.month(-1, 5), -1, id="month-year--1"),
        pytest.param(lambda: DateWindow.year(0), 0, id="year-0"),
        pytest.param(lambda: DateWindow.year(-1), -1, id="year--1"),
        pytest.param(lambda: DateWindow.year(10000), 10000, id="year-10000"),
    ],
)
def test_month_and_year_out_of_range_are_value_errors_naming_the_number(call, value):
    raises(call, ValueError, repr(value))


@pytest.mark.parametrize("method", ["ends_by", "contains", "straddles"])
@pytest.mark.parametrize("value", [None, 20240601, "2024-06-01"], ids=repr)
def test_window_tests_refuse_what_is_not_a_date_naming_it(method, value):
    # text may be accepted (as to_date reads it) or refused; what is never a date must be refused
    window = DateWindow.parse("2024-05")
    if isinstance(value, str):
        try:
            result = getattr(window, method)(value)
        except TypeError as error:
            assert repr(value) in str(error) and "expected" in str(error)
        else:
            assert result == getattr(window, method)(to_date(value))
        return
    raises(lambda: getattr(window, method)(value), TypeError, repr(value), "expected")


def test_window_fields_are_checked():
    raises(
        lambda: DateWindow(earliest=D(2024, 1, 1), latest=D(2024, 1, 1), precision="day"),
        TypeError,
        "'day'",
        "Precision",
    )
    raises(
        lambda: DateWindow(earliest=None, latest=D(2024, 1, 1), precision=ilrs.Precision.DAY),
        ValueError,
        "earliest",
    )


# -- load --------------------------------------------------------------------------


@pytest.mark.parametrize("path", [None, 3, 2.5, ["/tmp"]], ids=repr)
def test_load_of_something_that_is_not_a_path_is_a_type_error_naming_it(path):
    raises(lambda: ilrs.load(path), TypeError, repr(path))


def test_load_of_a_missing_directory_is_a_file_not_found_error_naming_it(tmp_path):
    missing = tmp_path / "nowhere"
    raises(lambda: ilrs.load(missing), FileNotFoundError, str(missing), "not a directory")
    afile = tmp_path / "file.csv"
    afile.write_text("id\n", encoding="utf-8")
    raises(lambda: ilrs.load(str(afile)), FileNotFoundError, str(afile), "datapackage.json")


def test_load_of_an_empty_directory_is_a_data_error(tmp_path):
    error = raises(lambda: ilrs.load(tmp_path), ilrs.DataError, "datapackage.json", "missing")
    assert [p.file for p in error.problems] == ["datapackage.json"]


def test_data_error_is_a_value_error_with_every_problem():
    problems = [ilrs.Problem(file=f"t{i}.csv", message="bad") for i in range(12)]
    error = ilrs.DataError(problems)
    assert isinstance(error, ValueError)
    assert error.problems == tuple(problems)
    assert "12 problems" in str(error) and "and 2 more" in str(error)
    single = ilrs.DataError([ilrs.Problem(file="a.csv", record="'x'", field="f", message="m")])
    assert str(single) == "invalid data package (1 problem):\n  a.csv, record 'x', field 'f': m"
