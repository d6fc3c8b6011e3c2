"""Property-based tests (hypothesis): date parsing, window rules, membership, and loading.

The load properties break a copy of the bundled package in one random place
(a table, a row, a field and a kind of defect drawn from a catalogue) and
check that ``ilrs.load`` refuses it with a DataError naming that place, and
that a copy changed only in harmless ways always loads. Runs are derandomized,
so CI sees the same examples every time (see conftest for the extended run).
"""

import calendar
import csv
import datetime as dt
import io
import json
import os
import shutil
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

import ilrs
from conftest import BUNDLED, EXAMPLES, load_script, read_rows, write_rows
from ilrs import DateWindow, Precision, SignatoryType
from ilrs.dates import to_date
from ilrs.read import Tables
from ilrs.schema import canonical

D = dt.date
UTC = dt.timezone.utc
ONE_DAY = dt.timedelta(days=1)

FAST = settings(max_examples=150 * EXAMPLES, report_multiple_bugs=False)
SLOW = settings(FAST, max_examples=100 * EXAMPLES, suppress_health_check=[HealthCheck.too_slow])


Expected = load_script("break_data").Expected


def shift(day, days):
    """``day`` moved by ``days``, or ``day`` itself at the edge of the calendar."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return day


# ---------------------------------------------------------------------------
# strategies

days = st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))
years = st.integers(1, 9999)
months = st.integers(1, 12)


@st.composite
def windows(draw):
    kind = draw(st.sampled_from(Precision))
    if kind is Precision.DAY:
        return DateWindow.day(draw(days))
    if kind is Precision.MONTH:
        return DateWindow.month(draw(years), draw(months))
    if kind is Precision.YEAR:
        return DateWindow.year(draw(years))
    if kind is Precision.RANGE:
        first, last = sorted([draw(days), draw(days)])
        return DateWindow.between(first, last)
    return DateWindow.before(draw(days))


@st.composite
def edtf_texts(draw):
    """EDTF text in the canonical form a window prints as."""
    kind = draw(st.sampled_from(["day", "month", "year", "range", "open"]))
    if kind == "day":
        return draw(days).isoformat()
    if kind == "month":
        return f"{draw(years):04d}-{draw(months):02d}"
    if kind == "year":
        return f"{draw(years):04d}"
    if kind == "range":
        first, last = sorted([draw(days), draw(days)])
        return f"{first.isoformat()}/{last.isoformat()}"
    return f"../{draw(days).isoformat()}"


@st.composite
def impossible_days(draw):
    """YYYY-MM-DD text with a month or day that no calendar has."""
    year = draw(years)
    if draw(st.booleans()):
        month = draw(st.sampled_from([0, 13, 14, 20, 99]))
        day = draw(st.integers(1, 28))
    else:
        month = draw(months)
        last = calendar.monthrange(year, month)[1]
        day = draw(st.sampled_from([0, *range(last + 1, 32), 32, 45, 99]))
    return f"{year:04d}-{month:02d}-{day:02d}"


offsets = st.integers(-14 * 60 + 1, 14 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)


# ---------------------------------------------------------------------------
# date windows


@FAST
@given(windows())
def test_a_window_round_trips_through_its_edtf_text(window):
    assert DateWindow.parse(window.edtf) == window
    assert str(window) == window.edtf
    assert DateWindow.parse(f"  {window.edtf}\n") == window


@FAST
@given(edtf_texts())
def test_canonical_edtf_text_round_trips(text):
    assert DateWindow.parse(text).edtf == text


@FAST
@given(windows())
def test_window_bounds(window):
    assert (window.earliest is None) is (window.precision is Precision.OPEN_START)
    if window.earliest is not None:
        assert window.earliest <= window.latest
    assert window.is_exact is (window.precision is Precision.DAY)
    if window.is_exact:
        assert window.earliest == window.latest
    assert window.sort_key[0] == window.latest


@FAST
@given(windows(), st.data())
def test_contains_straddles_and_ends_by_follow_from_the_bounds(window, data):
    near = [window.latest, shift(window.latest, -1), shift(window.latest, 1)]
    if window.earliest is not None:
        near += [window.earliest, shift(window.earliest, -1), shift(window.earliest, 1)]
    day = data.draw(st.one_of(st.sampled_from(near), days), label="day")
    before = window.earliest is not None and day < window.earliest
    contains = (window.earliest is None or window.earliest <= day) and day <= window.latest
    assert window.contains(day) is contains
    assert window.ends_by(day) is (window.latest <= day)
    assert window.straddles(day) is (contains and day < window.latest)
    # every day is exactly one of: before the window, inside it but not yet certain, or after it
    assert [before, window.straddles(day), window.ends_by(day)].count(True) == 1


@FAST
@given(st.lists(windows(), max_size=8))
def test_sorting_by_sort_key_orders_by_last_day(many):
    ordered = sorted(many, key=lambda w: w.sort_key)
    lasts = [w.latest for w in ordered]
    assert lasts == sorted(lasts)


@FAST
@given(years, months)
def test_a_month_window_covers_exactly_the_days_of_that_month(year, month):
    window = DateWindow.month(year, month)
    length = calendar.monthrange(year, month)[1]
    assert window.precision is Precision.MONTH
    assert window.earliest == D(year, month, 1)
    assert window.latest == D(year, month, length)
    assert (window.latest - window.earliest).days + 1 == length
    assert window == DateWindow.parse(f"{year:04d}-{month:02d}")
    assert window.contains(window.earliest) and window.contains(window.latest)
    if window.earliest > D.min:
        assert not window.contains(window.earliest - ONE_DAY)
    if window.latest < D.max:
        assert not window.contains(window.latest + ONE_DAY)
        assert window.ends_by(window.latest) and not window.ends_by(window.latest - ONE_DAY)


@FAST
@given(years)
def test_a_year_window_covers_exactly_that_year(year):
    window = DateWindow.year(year)
    assert (window.earliest, window.latest) == (D(year, 1, 1), D(year, 12, 31))
    assert (window.latest - window.earliest).days + 1 == (366 if calendar.isleap(year) else 365)


@FAST
@given(days, days)
def test_a_range_is_reversed_exactly_when_its_start_is_after_its_end(first, second):
    text = f"{first.isoformat()}/{second.isoformat()}"
    if first <= second:
        window = DateWindow.parse(text)
        assert (window.earliest, window.latest) == (first, second)
    else:
        with pytest.raises(ValueError, match="reversed") as caught:
            DateWindow.parse(text)
        assert repr(text) in str(caught.value)


# ---------------------------------------------------------------------------
# to_date


@FAST
@given(days)
def test_to_date_round_trips_iso_text_and_dates(day):
    assert to_date(day.isoformat()) == day
    assert to_date(f" {day.isoformat()}\t") == day
    assert to_date(day) == day
    assert to_date(dt.datetime.combine(day, dt.time(23, 59, 59))) == day


@FAST
@given(st.datetimes(min_value=dt.datetime(2, 1, 1), max_value=dt.datetime(9998, 12, 31)), offsets)
def test_an_aware_datetime_counts_as_its_utc_date(moment, zone):
    aware = moment.replace(tzinfo=zone)
    expected = aware.astimezone(UTC).date()
    assert to_date(aware) == expected
    assert to_date(aware.isoformat()) == expected


@FAST
@given(st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)))
def test_to_date_reads_spelled_out_dates(day):
    month = calendar.month_name[day.month]
    assert to_date(f"{day.day} {month} {day.year}") == day
    assert to_date(f"{month} {day.day}, {day.year}") == day
    assert to_date(f"{day.day} {month[:3]} {day.year}") == day


@FAST
@given(st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)), st.sampled_from("/.-"))
def test_numeric_dates_are_read_only_when_unambiguous(day, sep):
    dmy = f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year}"
    mdy = f"{day.month:02d}{sep}{day.day:02d}{sep}{day.year}"
    if day.day > 12 or day.day == day.month:
        assert to_date(dmy) == day
        if sep == "/":
            assert to_date(mdy) == day
    else:
        for text in {dmy, mdy}:
            with pytest.raises(ValueError, match="ambiguous") as caught:
                to_date(text)
            assert repr(text) in str(caught.value)


@FAST
@given(impossible_days())
def test_impossible_days_are_value_errors_naming_the_text(text):
    for read in (to_date, DateWindow.parse):
        with pytest.raises(ValueError) as caught:
            read(text)
        assert repr(text) in str(caught.value)


@FAST
@given(st.text(max_size=30))
@example("0001-01-01T00:00+01:00")
@example("9999-12-31T23:59-00:01")
@example("31/02/2024")
@example("2024-W22")
def test_any_text_is_a_date_or_a_value_error(text):
    for read in (to_date, DateWindow.parse):
        try:
            result = read(text)
        except ValueError:
            continue
        assert isinstance(result, (D, DateWindow))


@FAST
@given(days, st.integers(0, 23), st.integers(0, 59), offsets)
def test_iso_datetime_text_with_any_offset_is_a_date_or_a_value_error(day, hour, minute, zone):
    text = f"{day.isoformat()}T{hour:02d}:{minute:02d}{dt.datetime(2000, 1, 1, tzinfo=zone):%z}"
    try:
        result = to_date(text)
    except ValueError as error:
        assert repr(text) in str(error)
    else:
        assert abs((result - day).days) <= 1


separators = st.sampled_from("/.-")
clock = st.one_of(
    st.just(""),
    st.builds(lambda h, m: f" {h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59)),
)


@FAST
@given(st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)), separators, clock)
def test_a_numeric_day_month_order_that_reads_two_ways_is_refused_with_any_time(day, sep, time):
    for first, second in ((day.day, day.month), (day.month, day.day)):
        text = f"{first}{sep}{second}{sep}{day.year}{time}"
        if first != second and first <= 12 and second <= 12:
            with pytest.raises(ValueError, match="ambiguous"):
                to_date(text)
        else:
            assert to_date(text) == day


@FAST
@given(st.integers(1, 31), st.integers(1, 12), st.integers(0, 99), separators, clock, st.booleans())
def test_a_two_digit_year_is_always_refused(first, second, year, sep, time, named):
    month = calendar.month_name[second]
    text = f"{first} {month} {year:02d}" if named else f"{first}{sep}{second}{sep}{year:02d}"
    with pytest.raises(ValueError, match="expected one day"):
        to_date(text + time)


@FAST
@given(days, st.text(alphabet=string.ascii_letters + string.punctuation + " ", min_size=1))
def test_anything_left_over_after_a_day_is_refused(day, junk):
    assume(junk.strip() and not junk.strip().startswith(("T", "Z")))
    with pytest.raises(ValueError):
        to_date(f"{day.isoformat()} {junk}x")


@FAST
@given(windows())
def test_a_window_is_never_read_as_one_day(window):
    assume(window.precision is not Precision.DAY)
    with pytest.raises(ValueError):
        to_date(window.edtf)


# ---------------------------------------------------------------------------
# membership, on the bundled data


DATA = ilrs.bundled()
SIGNATORIES = DATA.signatories()
JOIN_DAYS = sorted({s.joined.latest for s in SIGNATORIES})
around_joins = st.one_of(
    st.sampled_from(JOIN_DAYS),
    st.sampled_from(JOIN_DAYS).map(lambda d: d - ONE_DAY),
    st.dates(min_value=D(2019, 1, 1), max_value=D(2028, 12, 31)),
)


@FAST
@given(around_joins)
def test_members_as_of_is_the_naive_rule(day):
    members = DATA.members_as_of(day)
    possible = DATA.possible_members_as_of(day)
    assert list(members) == [s for s in SIGNATORIES if s.joined.latest <= day]
    assert list(possible) == [s for s in SIGNATORIES if s.joined.straddles(day)]
    assert not set(members) & set(possible)
    # members are a prefix of the signatories in order of joining
    assert members == SIGNATORIES[: len(members)]
    for signatory in SIGNATORIES:
        later = signatory.joined.earliest is not None and day < signatory.joined.earliest
        states = [signatory in members, signatory in possible, later]
        assert states.count(True) == 1, signatory.id


@FAST
@given(around_joins, around_joins)
def test_a_member_on_one_day_is_a_member_on_every_later_day(first, second):
    first, second = sorted([first, second])
    earlier, later = DATA.members_as_of(first), DATA.members_as_of(second)
    assert set(earlier) <= set(later)
    assert later[: len(earlier)] == earlier


@FAST
@given(around_joins)
def test_members_by_type_split_the_members(day):
    members = DATA.members_as_of(day)
    split = DATA.by_type(day)
    assert list(split) == list(SignatoryType)
    for kind, group in split.items():
        assert list(group) == [s for s in members if s.type is kind]
        assert (
            group == DATA.members_as_of(day, type=kind) == DATA.members_as_of(day, type=kind.value)
        )
    assert sum(len(group) for group in split.values()) == len(members)


@FAST
@given(around_joins, st.times(), offsets)
def test_every_form_of_a_day_gives_the_same_members(day, time, zone):
    expected = DATA.members_as_of(day)
    assert DATA.members_as_of(day.isoformat()) == expected
    assert DATA.members_as_of(dt.datetime.combine(day, time)) == expected
    aware = dt.datetime.combine(day, time, tzinfo=zone)
    assert DATA.members_as_of(aware) == DATA.members_as_of(aware.astimezone(UTC).date())
    assert ilrs.members_as_of(day) == expected


@FAST
@given(around_joins)
def test_the_timeline_agrees_with_members_as_of(day):
    points = [p for p in DATA.timeline() if p.date <= day]
    assert (points[-1].total if points else 0) == len(DATA.members_as_of(day))


# -- membership on synthetic data: any windows, any types ------------------------

CANONICAL = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
TABLE_NAMES = [resource["name"] for resource in CANONICAL["resources"]]


@st.composite
def synthetic_datasets(draw):
    joined = draw(
        st.lists(
            st.one_of(
                windows().filter(lambda w: D(2000, 1, 1) <= w.latest <= D(2040, 12, 31)),
                st.dates(D(2000, 1, 1), D(2040, 12, 31)).map(DateWindow.before),
            ),
            min_size=0,
            max_size=25,
        )
    )
    rows = tuple(
        {
            "id": f"s{i}",
            "name": f"Signatory {i}",
            "aliases": (),
            "type": draw(st.sampled_from(SignatoryType)).value,
            "country_code": None,
            "evidence": "signed",
            "order": None,
            "joined": window,
            "notes": None,
        }
        for i, window in enumerate(joined)
    )
    tables = {name: () for name in TABLE_NAMES}
    tables["signatories"] = rows
    return ilrs.Dataset(
        Tables(canonical(), name="test", version="test", data_as_of=D(2041, 1, 1), tables=tables)
    )


@SLOW
@given(synthetic_datasets(), st.dates(D(1999, 1, 1), D(2042, 1, 1)), st.data())
def test_membership_rule_holds_for_any_windows(data, day, draw):
    everyone = data.signatories()
    assert list(data.members_as_of(day)) == [s for s in everyone if s.joined.latest <= day]
    assert list(data.possible_members_as_of(day)) == [
        s for s in everyone if s.joined.straddles(day)
    ]
    kind = draw.draw(st.sampled_from(SignatoryType))
    assert list(data.members_as_of(day, type=kind)) == [
        s for s in everyone if s.type is kind and s.joined.latest <= day
    ]
    later = draw.draw(st.dates(day, D(2042, 12, 31)))
    assert set(data.members_as_of(day)) <= set(data.members_as_of(later))


# ---------------------------------------------------------------------------
# load: every single defect is refused, the valid package always loads


def _read(name):
    text = (BUNDLED / name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


RESOURCES = {resource["name"]: resource for resource in CANONICAL["resources"]}
FILES = {name: resource["path"] for name, resource in RESOURCES.items()}
ROWS = {name: _read(path) for name, path in FILES.items()}
RAW = {path.name: path.read_bytes() for path in BUNDLED.iterdir() if path.is_file()}
AS_OF = D.fromisoformat(CANONICAL["ilrs:dataAsOf"])
IDS = {name: {row["id"] for row in rows} for name, (header, rows) in ROWS.items() if "id" in header}


def key_fields(table):
    key = RESOURCES[table]["schema"]["primaryKey"]
    return [key] if isinstance(key, str) else list(key)


def fields_where(test):
    """Every (table, field descriptor) whose descriptor passes ``test``."""
    return [
        (name, field)
        for name, resource in RESOURCES.items()
        for field in resource["schema"]["fields"]
        if test(field) and ROWS[name][1]
    ]


def label(table, row, index):
    """How a Problem names a row: its key, quoted, or its line when a key cell is empty."""
    values = [row[field] for field in key_fields(table)]
    return repr("/".join(values)) if all(values) else f"line {index + 2}"


def csv_text(header, rows, **options):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", **options)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


class Change:
    """New contents for some files of the package (text, bytes, or None to delete)."""

    def __init__(self, files, note):
        self.files, self.note = files, note

    def __repr__(self):  # what hypothesis prints for a failing example
        return f"<{self.note}>"


def materialize(change, root):
    """Write the bundled package to ``root``, changed by ``change``."""
    for name, content in {**RAW, **change.files}.items():
        if content is None:
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        (root / name).write_bytes(data)
    return root


def with_cell(draw, table, field, value):
    """Set ``field`` of a random row of ``table`` to ``value``; return (changes, label)."""
    header, rows = ROWS[table]
    index = draw(st.integers(0, len(rows) - 1), label=f"{table} row")
    rows = [dict(row) for row in rows]
    rows[index][field] = value
    note = f"{FILES[table]} row {index}: {field} = {value!r}"
    return Change({FILES[table]: csv_text(header, rows)}, note), label(table, rows[index], index)


NOT_EDTF = st.sampled_from(
    [
        *("May 2024", "24-05", "2024-5", "2024-05-1", "2024/..", "../..", "2024-05-08T10:00"),
        *("0000", "2024-05-08/", "/2024", "2024 05", "2024-05-08/2024-05-09/2024-05-10", ".."),
        "2024-W22",
    ]
)


@st.composite
def reversed_windows(draw):
    first, second = draw(st.lists(days, min_size=2, max_size=2, unique=True).map(sorted))
    return f"{second.isoformat()}/{first.isoformat()}"


def _not_in(choices):
    return st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=12).filter(
        lambda value: value not in choices
    )


def _is_country(code):
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


@st.composite
def cell_defects(draw):
    """A bad value in one cell, of a kind that fits the field."""
    kind = draw(
        st.sampled_from(
            [
                "edtf",
                "date",
                "enum",
                "item-enum",
                "country",
                "url",
                "required",
                "integer",
                "pattern",
                "after-as-of",
            ]
        ),
        label="kind",
    )
    if kind == "edtf":
        table, field = draw(st.sampled_from(fields_where(lambda f: f.get("ilrs:edtf"))))
        value = draw(st.one_of(NOT_EDTF, reversed_windows(), impossible_days()))
    elif kind == "date":
        table, field = draw(st.sampled_from(fields_where(lambda f: f.get("type") == "date")))
        value = draw(
            st.one_of(
                impossible_days(),
                st.sampled_from(["2024/05/01", "01-05-2024", "yesterday", "2024-05", "2024"]),
            )
        )
    elif kind == "enum":
        table, field = draw(
            st.sampled_from(fields_where(lambda f: "enum" in f.get("constraints", {})))
        )
        value = draw(_not_in(field["constraints"]["enum"]))
    elif kind == "item-enum":
        table, field = draw(st.sampled_from(fields_where(lambda f: "ilrs:itemEnum" in f)))
        allowed = field["ilrs:itemEnum"]
        bad = draw(_not_in(allowed))
        value = draw(st.sampled_from([bad, f"{allowed[0]}|{bad}", f"{allowed[0]}||{allowed[1]}"]))
    elif kind == "country":
        table, field = draw(st.sampled_from(fields_where(lambda f: f.get("ilrs:country"))))
        value = draw(
            st.one_of(
                st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3).filter(
                    lambda code: not _is_country(code)
                ),
                st.sampled_from(["chn", "CN", "CHNA", "C1N", "中国"]),
            )
        )
    elif kind == "url":
        table, field = draw(st.sampled_from(fields_where(lambda f: f.get("format") == "uri")))
        value = draw(
            st.sampled_from(
                [
                    *("", "ftp://example.org/x", "example.org", "www.example.org/page"),
                    *("//example.org", "javascript:alert(1)", "file:///etc/passwd"),
                    "mailto:someone@example.org",
                ]
            )
        )
    elif kind == "required":
        required = fields_where(lambda f: f.get("constraints", {}).get("required"))
        table, field = draw(st.sampled_from(required))
        value = ""
    elif kind == "integer":
        table, field = draw(st.sampled_from(fields_where(lambda f: f.get("type") == "integer")))
        below = field.get("constraints", {}).get("minimum", 0) - draw(st.integers(1, 5000))
        value = draw(
            st.sampled_from(["three", "3.5", "1e3", "0x10", "--1", "1 000", "½", "NaN", str(below)])
        )
    elif kind == "pattern":
        table, field = draw(
            st.sampled_from(
                fields_where(
                    lambda f: "pattern" in f.get("constraints", {}) and not f.get("ilrs:edtf")
                )
            )
        )
        value = draw(
            st.sampled_from(["Bad Id", "-leading", "UPPER", "é", "a/b", "a b", "_x", "e n"])
        )
    else:  # a past event dated after the data's own date
        table, field = draw(st.sampled_from(fields_where(lambda f: f.get("ilrs:notAfterAsOf"))))
        later = draw(st.dates(AS_OF + ONE_DAY, D(9999, 12, 31)))
        if field.get("type") == "date":
            value = later.isoformat()
        else:
            value = draw(
                st.sampled_from(
                    [
                        later.isoformat(),
                        f"{later.year + 1:04d}" if later.year < 9999 else "9999-12-31",
                    ]
                )
            )
    changes, record = with_cell(draw, table, field["name"], value)
    return changes, Expected(FILES[table], record, field["name"], "")


@st.composite
def key_defects(draw):
    """A duplicated key or a reference to nothing."""
    if draw(st.booleans(), label="duplicate"):
        table = draw(st.sampled_from([name for name in RESOURCES if ROWS[name][1]]))
        header, rows = ROWS[table]
        index = draw(st.integers(0, len(rows) - 1))
        copy = dict(rows[index])
        position = draw(st.integers(0, len(rows)))
        changed = [*rows[:position], copy, *rows[position:]]
        record = repr("/".join(copy[field] for field in key_fields(table)))
        expected = Expected(FILES[table], record, ",".join(key_fields(table)), "duplicate")
        note = f"{FILES[table]}: row {index} repeated at {position}"
        return Change({FILES[table]: csv_text(header, changed)}, note), expected
    table, foreign = draw(
        st.sampled_from(
            [
                (name, foreign)
                for name, resource in RESOURCES.items()
                for foreign in resource["schema"].get("foreignKeys", [])
                if ROWS[name][1]
            ]
        )
    )
    target = foreign["reference"]["resource"]
    value = draw(
        st.text(alphabet=string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12)
        .map(lambda tail: f"zz{tail}")
        .filter(lambda v: v not in IDS[target])
    )
    changes, record = with_cell(draw, table, foreign["fields"], value)
    return changes, Expected(FILES[table], record, foreign["fields"], repr(value))


@st.composite
def file_defects(draw):
    """A whole file missing, empty, undecodable, unparseable, short a cell or with a bad header."""
    table = draw(st.sampled_from(list(RESOURCES)), label="table")
    path = FILES[table]
    header, rows = ROWS[table]
    kind = draw(
        st.sampled_from(["missing", "empty", "not-utf8", "open-quote", "cells", "header"]),
        label="kind",
    )
    if kind == "missing":
        return Change({path: None}, f"{path} removed"), Expected(path, None, None, "missing")
    if kind == "empty":
        return Change({path: ""}, f"{path} emptied"), Expected(path, None, None, "empty")
    if kind == "not-utf8":
        raw = RAW[path]
        at = draw(st.integers(0, len(raw)))
        junk = draw(st.sampled_from([b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\x80"]))
        change = Change({path: raw[:at] + junk + raw[at:]}, f"{path}: {junk!r} at byte {at}")
        return change, Expected(path, None, None, "UTF-8")
    if kind == "open-quote":
        text = RAW[path].decode("utf-8")
        change = Change({path: text + '"a quoted cell that never ends'}, f"{path}: open quote")
        return change, Expected(path, None, None, "CSV")
    if kind == "cells":
        assume(rows)
        index = draw(st.integers(0, len(rows) - 1))
        cells = [rows[index][name] for name in header]
        if draw(st.booleans()):  # cut short (a row of no cell at all would be a blank line)
            cells = cells[: draw(st.integers(1, len(cells) - 1))]
        else:
            cells = [*cells, *draw(st.lists(st.just("extra"), min_size=1, max_size=3))]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for i, row in enumerate(rows):
            writer.writerow(cells if i == index else [row[name] for name in header])
        change = Change({path: out.getvalue()}, f"{path} row {index}: {len(cells)} cells")
        return change, Expected(path, f"line {index + 2}", None, "cells")
    # a bad header: a column renamed, dropped, added, or two swapped
    how = draw(st.sampled_from(["rename", "drop", "add", "swap", "upper"]))
    columns = list(header)
    at = draw(st.integers(0, len(columns) - 1))
    if how == "rename":
        columns[at] += "x"
    elif how == "drop":
        del columns[at]
    elif how == "add":
        columns.insert(at, "extra")
    elif how == "swap":
        other = (at + 1) % len(columns)
        columns[at], columns[other] = columns[other], columns[at]
    else:
        columns = [name.upper() for name in columns]
    text = RAW[path].decode("utf-8")
    body = text.partition("\n")[2]
    change = Change({path: ",".join(columns) + "\n" + body}, f"{path} header: {columns}")
    return change, Expected(path, None, None, "bad header")


@st.composite
def descriptor_defects(draw):
    """datapackage.json cut short, a resource dropped or pointed outside, a bad version or date."""
    descriptor = json.loads(RAW["datapackage.json"])
    kind = draw(st.sampled_from(["cut", "drop", "path", "version", "as-of"]), label="kind")
    if kind == "cut":
        text = RAW["datapackage.json"].decode("utf-8")
        at = draw(st.integers(0, len(text.rstrip()) - 1))
        change = Change({"datapackage.json": text[:at]}, f"datapackage.json cut at {at}")
        return change, Expected("datapackage.json", None, None, "JSON")
    if kind == "drop":
        index = draw(st.integers(0, len(descriptor["resources"]) - 1))
        name = descriptor["resources"].pop(index)["name"]
        expected = Expected("datapackage.json", None, "resources", repr(name))
        note = f"resource {name!r} dropped"
    elif kind == "path":
        index = draw(st.integers(0, len(descriptor["resources"]) - 1))
        resource = descriptor["resources"][index]
        resource["path"] = draw(
            st.sampled_from(
                [
                    "../" + resource["path"],
                    "/etc/passwd",
                    "sub/../../x.csv",
                    "a\\b.csv",
                    "",
                    7,
                    None,
                ]
            )
        )
        expected = Expected("datapackage.json", repr(resource["name"]), "path", "inside")
        note = f"resource {resource['name']!r} path = {resource['path']!r}"
    elif kind == "version":
        value = draw(st.sampled_from(["", None, 2026, []]))
        descriptor["version"] = value
        expected = Expected("datapackage.json", None, "version", "version")
        note = f"version = {value!r}"
    else:
        value = draw(st.sampled_from(["", None, "2026-13-01", "yesterday", "2026/05/11", 20260511]))
        descriptor["ilrs:dataAsOf"] = value
        expected = Expected("datapackage.json", None, "ilrs:dataAsOf", "dataAsOf")
        note = f"ilrs:dataAsOf = {value!r}"
    return Change({"datapackage.json": json.dumps(descriptor)}, note), expected


single_defects = st.one_of(cell_defects(), key_defects(), file_defects(), descriptor_defects())
KNOWN_FILES = set(RAW)
BEFORE = (ilrs.bundled(), ilrs.members_as_of("2025-01-01"), ilrs.missions())


@settings(SLOW, max_examples=300 * EXAMPLES)
@given(single_defects)
def test_a_package_with_any_single_defect_is_refused_naming_where(defect):
    changes, expected = defect
    event(f"{expected.file} {expected.field or expected.fragment}")
    with tempfile.TemporaryDirectory() as tmp:
        package = materialize(changes, Path(tmp))
        with pytest.raises(ilrs.DataError) as caught:
            ilrs.load(package)
    problems = caught.value.problems
    assert problems and all(isinstance(p, ilrs.Problem) for p in problems)
    assert any(expected.matches(p) for p in problems), (expected, problems)
    assert {p.file for p in problems} <= KNOWN_FILES
    assert isinstance(caught.value, ValueError)
    # the bundled dataset is untouched
    assert ilrs.bundled() is BEFORE[0]
    assert ilrs.members_as_of("2025-01-01") == BEFORE[1]
    assert ilrs.missions() == BEFORE[2]


# -- harmless changes: the copy still loads, to the same records ----------------


#: Free-text fields no rule looks at, and the record attribute that holds them.
def _by_id(records, key):
    return next(record for record in records if record.id == key)


FREE_TEXT = [
    ("signatories", "notes", lambda d, key: d.get(key).notes),
    ("agreements", "notes", lambda d, key: _by_id(d.agreements(), key).notes),
    ("agreements", "place", lambda d, key: _by_id(d.agreements(), key).place),
    ("missions", "notes", lambda d, key: d.mission(key).notes),
    ("missions", "target", lambda d, key: d.mission(key).target),
    ("plans", "notes", lambda d, key: _by_id(d.plans(), key).notes),
    ("sources", "title", lambda d, key: _by_id(d.sources(), key).title),
]

#: Text a cell may hold. CR is left out (text files read with universal newlines
#: turn it into LF), and so are the other characters str.splitlines breaks on;
#: test_reliability checks those on their own.
CELL_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters="\x85\u2028\u2029",
    )
    | st.sampled_from('\n\t,"|;=+-@'),
    min_size=1,
    max_size=40,
)


#: Tables whose row order means nothing. In the others it does: the order of a
#: record's sources (best first), payloads and announcements is their order in the file.
UNORDERED = [
    "sources",
    "signatories",
    "agreements",
    "missions",
    "plans",
    "phases",
    "official_counts",
    "exclusions",
    "gaps",
]


@st.composite
def harmless_changes(draw):
    kind = draw(
        st.sampled_from(["shuffle", "quote-all", "crlf", "blank-lines", "text"]), label="kind"
    )
    tables = UNORDERED if kind == "shuffle" else list(RESOURCES)
    table = draw(st.sampled_from(tables), label="table")
    header, rows = ROWS[table]
    path = FILES[table]
    if kind == "shuffle":
        order = draw(st.permutations(range(len(rows))))
        return Change({path: csv_text(header, [rows[i] for i in order])}, f"{path} shuffled"), None
    if kind == "quote-all":
        text = csv_text(header, rows, quoting=csv.QUOTE_ALL)
        return Change({path: text}, f"{path} every cell quoted"), None
    if kind == "crlf":
        text = csv_text(header, rows).replace("\n", "\r\n")
        return Change({path: text}, f"{path} with CRLF line ends"), None
    if kind == "blank-lines":
        text = csv_text(header, rows) + "\n" * draw(st.integers(1, 3))
        return Change({path: text}, f"{path} with blank lines at the end"), None
    table, field, _ = draw(st.sampled_from(FREE_TEXT))
    header, rows = ROWS[table]
    index = draw(st.integers(0, len(rows) - 1))
    text = draw(CELL_TEXT)
    rows = [dict(row) for row in rows]
    rows[index][field] = text
    change = Change({FILES[table]: csv_text(header, rows)}, f"{FILES[table]} row {index}: {field}")
    return change, (FILES[table], rows[index]["id"], field, text)


def same_records(loaded):
    assert set(loaded.signatories()) == set(DATA.signatories())
    assert set(loaded.agreements()) == set(DATA.agreements())
    assert set(loaded.missions()) == set(DATA.missions())
    assert set(loaded.sources()) == set(DATA.sources())
    assert set(loaded.plans()) == set(DATA.plans())
    assert set(loaded.official_counts()) == set(DATA.official_counts())
    assert set(loaded.exclusions()) == set(DATA.exclusions())
    assert set(loaded.gaps()) == set(DATA.gaps())


@settings(SLOW, max_examples=100 * EXAMPLES)
@given(harmless_changes())
def test_a_valid_package_always_loads(change):
    changes, cell = change
    with tempfile.TemporaryDirectory() as tmp:
        loaded = ilrs.load(materialize(changes, Path(tmp)))
    if cell is None:
        same_records(loaded)
    else:
        path, key, field, text = cell
        read = next(r for t, f, r in FREE_TEXT if FILES[t] == path and f == field)
        assert read(loaded, key) == text
    assert ilrs.bundled() is BEFORE[0]


# ---------------------------------------------------------------------------
# hostile packages: links, devices, sizes, nesting, collisions

SECRET = "SECRET-LINE-7f3a"


def hostile_links(package, outside, draw):
    name = draw(st.sampled_from(sorted(p.name for p in package.glob("*.csv"))))
    target = outside / f"copy-{name}"
    target.write_text((package / name).read_text(encoding="utf-8") + SECRET + "\n")
    (package / name).unlink()
    (package / name).symlink_to(target)
    return name, "outside the package"


def hostile_devices(package, outside, draw):
    name = draw(st.sampled_from(sorted(p.name for p in package.glob("*.csv"))))
    (package / name).unlink()
    if draw(st.booleans()):
        os.mkfifo(package / name)
    else:
        (package / name).mkdir()
    return name, "not a regular file"


def hostile_sizes(package, outside, draw):
    from ilrs.validate import MAX_FILE_BYTES

    name = draw(st.sampled_from(sorted(p.name for p in package.glob("*"))))
    with open(package / name, "r+b") as file:
        file.truncate(MAX_FILE_BYTES + draw(st.integers(1, 2**20)))
    return name, "more than the limit"


def hostile_nesting(package, outside, draw):
    depth = draw(st.integers(2_000, 200_000))
    opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
    (package / "datapackage.json").write_text(opener * depth + "1" + closer * depth)
    return "datapackage.json", "nested too deeply"


def hostile_collisions(package, outside, draw):
    header, rows = read_rows(package, "signatories")
    thief, victim = draw(st.lists(st.sampled_from(rows), min_size=2, max_size=2, unique_by=id))
    key = draw(st.sampled_from([victim["id"], victim["name"], *victim["aliases"].split("|")]))
    assume(key)
    # the same key as lookups fold it: other case, spaces inside, full-width letters
    variant = draw(
        st.sampled_from(
            [key.upper(), key.lower(), " ".join(key), key.replace("a", "ａ")]  # noqa: RUF001
        )
    )
    thief["aliases"] = "|".join(filter(None, [thief["aliases"], variant]))
    write_rows(package, "signatories", header, rows)
    return "signatories.csv", "is also the"


HOSTILE = [hostile_links, hostile_devices, hostile_sizes, hostile_nesting, hostile_collisions]


@settings(SLOW, max_examples=60 * EXAMPLES)
@given(st.sampled_from(HOSTILE), st.data())
def test_a_hostile_package_is_refused_whole_without_quoting_what_it_refused(hostile, data):
    with tempfile.TemporaryDirectory() as tmp:
        package, outside = Path(tmp) / "pkg", Path(tmp) / "outside"
        shutil.copytree(BUNDLED, package)
        outside.mkdir()
        file, fragment = hostile(package, outside, data.draw)
        with pytest.raises(ilrs.DataError) as caught:
            ilrs.load(package)
        text = str(caught.value)
        assert any(p.file == file and fragment in p.message for p in caught.value.problems), text
        assert SECRET not in text
