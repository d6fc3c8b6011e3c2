import datetime as dt

import attrs
import pytest

from ilrs import DateWindow, Precision
from ilrs.dates import to_date

D = dt.date


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2024-05-08", D(2024, 5, 8), D(2024, 5, 8), Precision.DAY),
        ("2024-05", D(2024, 5, 1), D(2024, 5, 31), Precision.MONTH),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), Precision.MONTH),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28), Precision.MONTH),
        ("2024", D(2024, 1, 1), D(2024, 12, 31), Precision.YEAR),
        ("2024-05-07/2024-05-08", D(2024, 5, 7), D(2024, 5, 8), Precision.RANGE),
        ("2024-05/2024-06", D(2024, 5, 1), D(2024, 6, 30), Precision.RANGE),
        ("../2025-04-28", None, D(2025, 4, 28), Precision.OPEN_START),
        ("../2025", None, D(2025, 12, 31), Precision.OPEN_START),
    ],
)
def test_parse(text, earliest, latest, precision):
    window = DateWindow.parse(text)
    assert (window.earliest, window.latest, window.precision) == (earliest, latest, precision)
    assert DateWindow.parse(window.edtf) == window


@pytest.mark.parametrize(
    "text", ["2024-05-08", "2024-05", "2024", "2024-05-07/2024-05-08", "../2025-04-28"]
)
def test_edtf_text_round_trips(text):
    assert str(DateWindow.parse(text)) == text


@pytest.mark.parametrize(
    "text", ["", "May 2024", "2024-13", "2024-02-30", "2024-05-09/2024-05-08", "2024/..", "24-05"]
)
def test_parse_refuses(text):
    with pytest.raises(ValueError, match="2024|EDTF|24"):
        DateWindow.parse(text)


def test_constructors_and_their_checks():
    assert DateWindow.month(2024, 5) == DateWindow.parse("2024-05")
    assert DateWindow.year(2024) == DateWindow.parse("2024")
    assert DateWindow.day(D(2024, 5, 8)).is_exact
    assert DateWindow.before(D(2025, 4, 28)).edtf == "../2025-04-28"
    assert DateWindow.between(D(2024, 5, 7), D(2024, 5, 8)).edtf == "2024-05-07/2024-05-08"
    with pytest.raises(ValueError, match="reversed"):
        DateWindow.between(D(2024, 5, 9), D(2024, 5, 8))
    with pytest.raises(ValueError, match="whole month"):
        DateWindow(earliest=D(2024, 5, 2), latest=D(2024, 5, 31), precision=Precision.MONTH)
    with pytest.raises(TypeError, match="datetime.date"):
        DateWindow.day(dt.datetime(2024, 5, 8, 12))  # type: ignore[arg-type]


def test_windows_are_immutable():
    window = DateWindow.parse("2024-05")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        window.latest = D(2024, 6, 1)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "day_before_end", "end"),
    [
        ("2024-05-08", D(2024, 5, 7), D(2024, 5, 8)),
        ("2024-05", D(2024, 5, 30), D(2024, 5, 31)),
        ("2024-05-07/2024-05-08", D(2024, 5, 7), D(2024, 5, 8)),
        ("../2025-04-28", D(2025, 4, 27), D(2025, 4, 28)),
    ],
)
def test_ends_by_the_day_before_and_the_day_it_ends(text, day_before_end, end):
    window = DateWindow.parse(text)
    assert not window.ends_by(day_before_end)
    assert window.ends_by(end)
    assert window.straddles(day_before_end) is (window.precision is not Precision.DAY)
    assert not window.straddles(end)


def test_open_start_straddles_every_earlier_day():
    window = DateWindow.parse("../2025-04-28")
    assert window.straddles(D(1990, 1, 1))
    assert not window.contains(D(2025, 4, 29))


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (D(2024, 6, 1), D(2024, 6, 1)),
        (dt.datetime(2024, 6, 1, 23, 0), D(2024, 6, 1)),
        (dt.datetime(2024, 6, 1, 2, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), D(2024, 5, 31)),
        ("2024-06-01", D(2024, 6, 1)),
        (" 2024-06-01 ", D(2024, 6, 1)),
        ("2024-06-01T02:00:00+08:00", D(2024, 5, 31)),
        ("1 June 2024", D(2024, 6, 1)),
        ("June 1, 2024", D(2024, 6, 1)),
        ("13/04/2024", D(2024, 4, 13)),
        ("04/04/2024", D(2024, 4, 4)),
    ],
)
def test_to_date_accepts(when, expected):
    assert to_date(when) == expected


@pytest.mark.parametrize("when", [None, 20240601, 2024.5, True, ["2024-06-01"]])
def test_to_date_type_errors_name_the_value(when):
    with pytest.raises(TypeError, match="expected a date"):
        to_date(when)


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("", "empty"),
        ("2024-13-45", "not a real calendar date"),
        ("2024-02-31", "not a real calendar date"),
        ("03/04/2024", "ambiguous"),
        ("June 2024", "single day"),
        ("2024-06", "single day"),
        ("next tuesday-ish", "four-digit year"),
    ],
)
def test_to_date_value_errors_name_the_value(when, message):
    with pytest.raises(ValueError, match=message) as caught:
        to_date(when)
    assert repr(when) in str(caught.value) or when == ""
