"""Date windows, and reading what a caller passes as a day.

Sources rarely give every date to the day. A `DateWindow` holds what is
known: the ``earliest`` and ``latest`` day the event can have happened on, and
the ``precision`` the source gave. It prints as ISO 8601-2 / EDTF text:

| text | meaning | precision |
|---|---|---|
| `2024-05-08` | that day | `DAY` |
| `2024-05` | some day in May 2024 | `MONTH` |
| `2024` | some day in 2024 | `YEAR` |
| `2024-05-07/2024-05-08` | 7 or 8 May 2024 | `RANGE` |
| `../2025-04-28` | on or before 28 April 2025 | `OPEN_START` |

A window never reaches past what a source says, and nothing here ever fills a
missing day from today's date.

`to_date` reads one day from a date, a datetime or text, by the grammar
documented in docs/errors.md: it refuses what could be read two ways.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from typing import Any

import attrs

__all__ = ["DateLike", "DateWindow", "Precision", "to_date"]

#: What the query functions accept as a day: a date, a datetime or text.
DateLike = datetime.date | datetime.datetime | str

#: The longest text read as a date (anything longer is refused at once).
LONGEST_DATE_TEXT = 64


class Precision(enum.Enum):
    """How precisely a source gave a date."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    OPEN_START = "open_start"


def _month_end(year: int, month: int) -> datetime.date:
    """The last day of a month."""
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def _check_day(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A window's days are plain dates (a datetime is not a day); ``earliest`` may be None."""
    if value is None and attribute.name == "earliest":
        return
    if type(value) is not datetime.date:
        raise TypeError(
            f"DateWindow.{attribute.name} must be a datetime.date, "
            f"got {type(value).__name__} {value!r}"
        )


def _check_window(instance: DateWindow, attribute: attrs.Attribute[Any], value: object) -> None:
    """The days and the precision of a window agree (run after every field is set)."""
    if not isinstance(value, Precision):
        raise TypeError(f"DateWindow.precision must be a Precision, got {value!r}")
    earliest, latest = instance.earliest, instance.latest
    if earliest is None:
        if value is not Precision.OPEN_START:
            raise ValueError(f"a {value.value} window needs an earliest day")
        return
    if value is Precision.OPEN_START:
        raise ValueError("an open-start window has no earliest day")
    if earliest > latest:
        raise ValueError(f"reversed date window: {earliest} is after {latest}")
    if value is Precision.DAY:
        whole = earliest == latest
    elif value is Precision.MONTH:
        whole = earliest.day == 1 and latest == _month_end(earliest.year, earliest.month)
    elif value is Precision.YEAR:
        whole = (earliest.month, earliest.day, latest.month, latest.day) == (1, 1, 12, 31)
        whole = whole and earliest.year == latest.year
    else:
        whole = True
    if not whole:
        raise ValueError(f"{earliest}..{latest} is not a whole {value.value}; use Precision.RANGE")


def _iso_or_open(day: datetime.date | None) -> str:
    return ".." if day is None else day.isoformat()


@functools.total_ordering
@attrs.frozen(kw_only=True, order=False)
class DateWindow:
    """The span of days within which a dated event happened.

    ``earliest`` is ``None`` when the window is open at the start (known only
    to have happened on or before ``latest``). Build one from EDTF text with
    `parse`, or with `day`, `month`, `year`, `between` and `before`.

    Windows sort by their last day, then their first (an open start first):
    sorting puts what had certainly happened by a day before what may still
    have been to come.
    """

    earliest: datetime.date | None = attrs.field(validator=_check_day, repr=_iso_or_open)
    latest: datetime.date = attrs.field(validator=_check_day, repr=_iso_or_open)
    precision: Precision = attrs.field(validator=_check_window, repr=lambda p: p.value)

    # -- named constructors -------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> DateWindow:
        """Read EDTF text: ``2024-05-08``, ``2024-05``, ``2024``, ``A/B`` or ``../B``.

        Raises `ValueError` naming the text when it is not one of these
        forms, names an impossible date, or its start is after its end.
        """
        return _parse_window(cls, text)

    @classmethod
    def day(cls, day: datetime.date) -> DateWindow:
        """A window of exactly one day."""
        return cls(earliest=day, latest=day, precision=Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> DateWindow:
        """Some day in the given month."""
        year, month = _number(year, "year", 1, 9999), _number(month, "month", 1, 12)
        return cls(
            earliest=datetime.date(year, month, 1),
            latest=_month_end(year, month),
            precision=Precision.MONTH,
        )

    @classmethod
    def year(cls, year: int) -> DateWindow:
        """Some day in the given year."""
        year = _number(year, "year", 1, 9999)
        return cls(
            earliest=datetime.date(year, 1, 1),
            latest=datetime.date(year, 12, 31),
            precision=Precision.YEAR,
        )

    @classmethod
    def between(cls, earliest: datetime.date, latest: datetime.date) -> DateWindow:
        """Some day from ``earliest`` to ``latest``, both included."""
        if earliest is None:
            raise TypeError(
                "DateWindow.between needs a datetime.date as earliest, got NoneType None "
                "(use DateWindow.before for a window with no known start)"
            )
        return cls(earliest=earliest, latest=latest, precision=Precision.RANGE)

    @classmethod
    def before(cls, latest: datetime.date) -> DateWindow:
        """Some day on or before ``latest``, with no known start."""
        return cls(earliest=None, latest=latest, precision=Precision.OPEN_START)

    # -- reading ------------------------------------------------------------
    @property
    def edtf(self) -> str:
        """The window as ISO 8601-2 / EDTF text."""
        precision, latest = self.precision, self.latest
        if precision is Precision.DAY:
            return latest.isoformat()
        if precision is Precision.MONTH:
            return f"{latest.year:04d}-{latest.month:02d}"
        if precision is Precision.YEAR:
            return f"{latest.year:04d}"
        return f"{_iso_or_open(self.earliest)}/{latest.isoformat()}"

    def __str__(self) -> str:
        return self.edtf

    @property
    def is_exact(self) -> bool:
        """True when the window is a single known day."""
        return self.precision is Precision.DAY

    def ends_by(self, day: DateLike) -> bool:
        """True when the event had certainly happened by ``day`` (``latest <= day``).

        ``day`` is anything `to_date` reads; so is that of `contains` and
        `straddles`.
        """
        return self.latest <= to_date(day)

    def contains(self, day: DateLike) -> bool:
        """True when the event may have happened on ``day``."""
        day = to_date(day)
        return (self.earliest is None or self.earliest <= day) and day <= self.latest

    def straddles(self, day: DateLike) -> bool:
        """True when ``day`` falls inside the window but before its last day.

        On such a day it is not known whether the event had happened yet.
        """
        day = to_date(day)
        return self.contains(day) and day < self.latest

    def overlaps(self, other: DateWindow | tuple[DateLike, DateLike]) -> bool:
        """True when the event may have happened within ``other``.

        ``other`` is another window or a period ``(first, last)`` of two days,
        both included.
        """
        first, last = _period(other)
        return (self.earliest is None or self.earliest <= last) and (
            first is None or first <= self.latest
        )

    def within(self, other: DateWindow | tuple[DateLike, DateLike]) -> bool:
        """True when the event certainly happened within ``other`` (a window or a period)."""
        first, last = _period(other)
        if self.latest > last:
            return False
        if first is None:
            return True
        return self.earliest is not None and self.earliest >= first

    @property
    def sort_key(self) -> tuple[datetime.date, datetime.date]:
        """Order windows by their last day, then their first (open starts first)."""
        return (self.latest, self.earliest or datetime.date.min)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, DateWindow):
            return NotImplemented
        return (self.sort_key, _RANK[self.precision]) < (other.sort_key, _RANK[other.precision])


#: Ties between windows of the same days (impossible between valid windows, but total).
_RANK = {precision: rank for rank, precision in enumerate(Precision)}


def _period(other: object) -> tuple[datetime.date | None, datetime.date]:
    """The first (None if open) and last day of a window or of a ``(first, last)`` period."""
    if isinstance(other, DateWindow):
        return other.earliest, other.latest
    if isinstance(other, tuple) and len(other) == 2:
        first, last = to_date(other[0]), to_date(other[1])
        if first > last:
            raise ValueError(f"reversed period: {first} is after {last}")
        return first, last
    raise TypeError(f"expected a DateWindow or a (first, last) pair of days, got {other!r}")


def _number(value: object, what: str, low: int, high: int) -> int:
    """``value`` if it is an int from ``low`` to ``high``; TypeError or ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an int {what}, got {type(value).__name__} {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{what} {value!r} is out of range; expected {low} to {high}")
    return value


# ---------------------------------------------------------------------------
# EDTF text

_EDTF_FORMS = "expected YYYY, YYYY-MM, YYYY-MM-DD, START/END or ../END"


def _edtf_part(text: str, whole: str) -> tuple[datetime.date, datetime.date, Precision]:
    """First day, last day and precision of one EDTF date such as ``2024-05``."""
    digits = text.replace("-", "")
    shape = "".join("-" if c == "-" else "d" for c in text)
    if shape not in ("dddd", "dddd-dd", "dddd-dd-dd") or not (
        digits.isascii() and digits.isdigit()
    ):
        raise ValueError(f"{whole!r} is not an EDTF date window; {_EDTF_FORMS}")
    year = int(text[:4])
    try:
        if len(text) == 4:
            if year == 0:
                raise ValueError("year 0 is out of range")
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31), Precision.YEAR
        month = int(text[5:7])
        if len(text) == 7:
            first = datetime.date(year, month, 1)
            return first, _month_end(year, month), Precision.MONTH
        exact = datetime.date(year, month, int(text[8:]))
    except ValueError as exc:
        raise ValueError(f"{whole!r} names an impossible date ({exc})") from None
    return exact, exact, Precision.DAY


def _parse_window(cls: type[DateWindow], text: str) -> DateWindow:
    if not isinstance(text, str):
        raise TypeError(f"expected EDTF text, got {type(text).__name__} {text!r}")
    if len(text) > 40:
        raise ValueError(f"{text[:30]!r}... is not an EDTF date window; {_EDTF_FORMS}")
    text = text.strip()
    if len(text) > 21:  # the longest window, YYYY-MM-DD/YYYY-MM-DD
        raise ValueError(f"{text[:30]!r}... is not an EDTF date window; {_EDTF_FORMS}")
    if "/" not in text:
        first, last, precision = _edtf_part(text, text)
        return cls(earliest=first, latest=last, precision=precision)
    start, _, end = text.partition("/")
    _, latest, _ = _edtf_part(end, text)
    if start == "..":
        return cls(earliest=None, latest=latest, precision=Precision.OPEN_START)
    earliest, _, _ = _edtf_part(start, text)
    if earliest > latest:
        raise ValueError(f"{text!r} is a reversed date window: its start is after its end")
    return cls(earliest=earliest, latest=latest, precision=Precision.RANGE)


# ---------------------------------------------------------------------------
# what callers pass as a day

_TIME = (
    r"(?:(?:T|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d{1,6})?)?"
    r"\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?"
)
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:(?P<weekday>[A-Za-z]{3,9})\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
#: The forms of one day, in the grammar of docs/errors.md.
_FORMS = {
    "year_first": rf"{_YEAR}(?P<sep>[/.\-])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})",
    "numeric": rf"(?P<a>\d{{1,2}})(?P<sep>[/.\-])(?P<b>\d{{1,2}})(?P=sep){_YEAR}",
    "day_month": rf"{_WEEKDAY}{_DAY}\.?[\s\-]+{_MONTH}[\s\-,]+{_YEAR}",
    "month_day": rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}",
}


@functools.cache
def _grammar() -> dict[str, re.Pattern[str]]:
    """The compiled forms (compiled on first use: a plain ISO day needs none)."""
    return {
        name: re.compile(rf"{form}{_TIME}", re.ASCII | re.IGNORECASE)
        for name, form in _FORMS.items()
    }


_UTC = datetime.timezone.utc


def _day_in_utc(value: datetime.datetime, original: object) -> datetime.date:
    if value.tzinfo is not None and value.utcoffset() is not None:
        try:
            return value.astimezone(_UTC).date()
        except OverflowError:  # e.g. 0001-01-01T00:30+01:00 is in year 0 in UTC
            raise ValueError(
                f"{original!r} falls outside the calendar in UTC; "
                "expected a day from 0001-01-01 to 9999-12-31"
            ) from None
    return value.date()


def to_date(when: DateLike) -> datetime.date:
    """Turn ``when`` into one calendar day.

    Accepts a `datetime.date`; a `datetime.datetime` (a timezone-aware one
    counts as its calendar date in UTC); or text in one of the forms of the
    date grammar (docs/errors.md): ``2024-06-01``, ``2024/06/01``,
    ``13/04/2024``, ``1 June 2024``, ``June 1, 2024``, each optionally followed
    by a time (and an offset, which moves the day to UTC).

    Raises:
        TypeError: ``when`` is not a date, a datetime or text.
        ValueError: the text is empty or too long, names an impossible day
            (``"2024-02-31"``), names no single day (``"June 2024"``, a window
            such as ``"2024-01-01/2024-12-31"``), has a two-digit year, has
            anything left over, or is a numeric form that could be read two
            ways (``"03/04/2024"``: 3 April or 4 March?).
    """
    if isinstance(when, datetime.datetime):
        return _day_in_utc(when, when)
    if isinstance(when, datetime.date):
        return when
    if not isinstance(when, str):
        raise TypeError(
            f"expected a date, a datetime or date text, got {type(when).__name__} {when!r}"
        )
    if len(when) == 10 and when[4] == "-" and when[7] == "-" and when.isascii():
        try:  # the common case, YYYY-MM-DD (fromisoformat reads nothing else at length 10)
            return datetime.date.fromisoformat(when)
        except ValueError:
            pass
    return _parse_text(when)


def _refuse(original: str, why: str) -> ValueError:
    shown = original if len(original) <= 40 else original[:40] + "..."
    return ValueError(f"{shown!r} {why}; expected one day such as '2024-06-01' or '1 June 2024'")


def _parse_text(original: str) -> datetime.date:
    text = original.strip()
    if not text:
        raise ValueError("expected a date such as '2024-06-01', got empty text")
    if len(text) > LONGEST_DATE_TEXT:
        raise _refuse(original, f"is longer than {LONGEST_DATE_TEXT} characters")
    if not text.isascii():
        raise _refuse(original, "has characters outside the date grammar")
    if text.startswith("..") or ("/" in text and text.count("/") != 2):
        raise _refuse(original, "is a date window, not one day")
    for form, pattern in _grammar().items():
        found = pattern.fullmatch(text)
        if found is not None:
            return _day_of(form, found, original)
    years = re.findall(r"\d{4}", text)
    if len(years) > 1:
        raise _refuse(original, "names more than one date")
    if not years:
        raise _refuse(original, "has no four-digit year (two-digit years are refused)")
    raise _refuse(original, "does not name a single day in a form this library can read")


def _day_of(form: str, found: re.Match[str], original: str) -> datetime.date:
    """The day a matched form names, checked (and moved to UTC by an offset)."""
    year = int(found["year"])
    weekday: int | None = None
    if form == "year_first":
        month, day = int(found["m"]), int(found["d"])
    elif form == "numeric":
        first, second = int(found["a"]), int(found["b"])
        if first <= 12 and second <= 12 and first != second:
            raise _refuse(original, "is ambiguous (day-month or month-day?)")
        day, month = (first, second) if first > 12 else (second, first)
    else:
        from dateutil.parser import parserinfo  # its month and weekday names

        names = parserinfo()
        named_month = names.month(found["month"])
        if named_month is None:
            raise _refuse(original, f"names no month ({found['month']!r})")
        month, day = named_month, int(found["day"])
        if found["weekday"] is not None:
            weekday = names.weekday(found["weekday"])
            if weekday is None:
                raise _refuse(original, f"names no weekday ({found['weekday']!r})")
    hour, minute = int(found["hour"] or 0), int(found["minute"] or 0)
    second = int(found["second"] or 0)
    zone = found["zone"]
    offset = datetime.timedelta(0)
    if zone and zone.upper() not in ("Z", "UTC", "GMT"):
        digits = zone[1:].replace(":", "")
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        offset = -offset if zone[0] == "-" else offset
    try:
        named = datetime.date(year, month, day)
    except ValueError as exc:
        raise _refuse(original, f"is not a real calendar date ({exc})") from None
    if weekday is not None and weekday != named.weekday():
        raise _refuse(original, f"gives a weekday that {named} does not fall on")
    try:
        moment = datetime.datetime(
            year, month, day, hour, minute, second, tzinfo=datetime.timezone(offset)
        )
    except ValueError as exc:
        raise _refuse(original, f"has an impossible time ({exc})") from None
    return _day_in_utc(moment, original) if zone else moment.date()
