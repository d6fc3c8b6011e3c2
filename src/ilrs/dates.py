"""Date windows, and turning what a caller passes as a date into a calendar day.

Sources rarely give every date to the day. A :class:`DateWindow` holds what is
known: the ``earliest`` and ``latest`` day the event can have happened on, and
the ``precision`` the source gave. It prints as ISO 8601-2 / EDTF text:

====================  ===========================  =============
text                  meaning                      precision
====================  ===========================  =============
``2024-05-08``        that day                     DAY
``2024-05``           some day in May 2024         MONTH
``2024``              some day in 2024             YEAR
``2024-05-07/2024-05-08``  7 or 8 May 2024         RANGE
``../2025-04-28``     on or before 28 April 2025   OPEN_START
====================  ===========================  =============

A window never reaches past what a source says, and nothing here ever fills a
missing day from today's date.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import enum
import re
from typing import Any

import attrs

__all__ = ["DateLike", "DateWindow", "Precision", "to_date"]

#: What the query functions accept as a day: a date, a datetime or text.
DateLike = _dt.date | _dt.datetime | str


class Precision(enum.Enum):
    """How precisely a source gave a date."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    OPEN_START = "open_start"


_PART = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _part_bounds(text: str, whole: str) -> tuple[_dt.date, _dt.date, Precision]:
    """First day, last day and precision of one EDTF date such as ``2024-05``."""
    match = _PART.fullmatch(text)
    if match is None:
        raise ValueError(
            f"{whole!r} is not an EDTF date window; expected YYYY, YYYY-MM, YYYY-MM-DD, "
            "START/END or ../END"
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return _dt.date(year, 1, 1), _dt.date(year, 12, 31), Precision.YEAR
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return _dt.date(year, month, 1), _dt.date(year, month, last), Precision.MONTH
        exact = _dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{whole!r} names an impossible date ({exc})") from None
    return exact, exact, Precision.DAY


def _check_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None and attribute.name == "earliest":
        return
    if type(value) is not _dt.date:
        raise TypeError(
            f"DateWindow.{attribute.name} must be a datetime.date, got {type(value).__name__} "
            f"{value!r}"
        )


@attrs.frozen(kw_only=True)
class DateWindow:
    """The span of days within which a dated event happened.

    ``earliest`` is ``None`` when the window is open at the start (known only to
    have happened on or before ``latest``). Build one with :meth:`parse` from
    EDTF text, or with :meth:`day`, :meth:`month`, :meth:`year`,
    :meth:`between` and :meth:`before`.
    """

    earliest: _dt.date | None = attrs.field(validator=_check_date)
    latest: _dt.date = attrs.field(validator=_check_date)
    precision: Precision = attrs.field(validator=attrs.validators.instance_of(Precision))

    def __attrs_post_init__(self) -> None:
        earliest: _dt.date | None = self.earliest
        latest: _dt.date = self.latest
        precision = self.precision
        if earliest is None:
            if precision is not Precision.OPEN_START:
                raise ValueError(f"a {precision.value} window needs an earliest day")
            return
        if precision is Precision.OPEN_START:
            raise ValueError("an open-start window has no earliest day")
        if earliest > latest:
            raise ValueError(f"reversed date window: {earliest} is after {latest}")
        expected = {
            Precision.DAY: (latest, latest),
            Precision.MONTH: (
                latest.replace(day=1),
                latest.replace(day=calendar.monthrange(latest.year, latest.month)[1]),
            ),
            Precision.YEAR: (latest.replace(month=1, day=1), latest.replace(month=12, day=31)),
        }.get(precision)
        if expected is not None and (earliest, latest) != expected:
            raise ValueError(
                f"{earliest}..{latest} is not a whole {precision.value}; use Precision.RANGE"
            )

    # -- named constructors -------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> DateWindow:
        """Read EDTF text: ``2024-05-08``, ``2024-05``, ``2024``, ``A/B`` or ``../B``.

        Raises :class:`ValueError` naming the text when it is not one of these
        forms, names an impossible date, or its start is after its end.
        """
        if not isinstance(text, str):
            raise TypeError(f"expected EDTF text, got {type(text).__name__} {text!r}")
        stripped = text.strip()
        if "/" not in stripped:
            first, last, precision = _part_bounds(stripped, text)
            return cls(earliest=first, latest=last, precision=precision)
        start, _, end = stripped.partition("/")
        _, latest, _ = _part_bounds(end, text)
        if start == "..":
            return cls(earliest=None, latest=latest, precision=Precision.OPEN_START)
        earliest, _, _ = _part_bounds(start, text)
        if earliest > latest:
            raise ValueError(f"{text!r} is a reversed date window: its start is after its end")
        return cls(earliest=earliest, latest=latest, precision=Precision.RANGE)

    @classmethod
    def day(cls, day: _dt.date) -> DateWindow:
        """A window of exactly one day."""
        return cls(earliest=day, latest=day, precision=Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> DateWindow:
        """Some day in the given month."""
        return cls.parse(f"{year:04d}-{month:02d}")

    @classmethod
    def year(cls, year: int) -> DateWindow:
        """Some day in the given year."""
        return cls.parse(f"{year:04d}")

    @classmethod
    def between(cls, earliest: _dt.date, latest: _dt.date) -> DateWindow:
        """Some day from ``earliest`` to ``latest``, both included."""
        return cls(earliest=earliest, latest=latest, precision=Precision.RANGE)

    @classmethod
    def before(cls, latest: _dt.date) -> DateWindow:
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
        start = ".." if self.earliest is None else self.earliest.isoformat()
        return f"{start}/{latest.isoformat()}"

    def __str__(self) -> str:
        return self.edtf

    @property
    def is_exact(self) -> bool:
        """True when the window is a single known day."""
        return self.precision is Precision.DAY

    def ends_by(self, day: _dt.date) -> bool:
        """True when the event had certainly happened by ``day`` (``latest <= day``)."""
        return self.latest <= day

    def contains(self, day: _dt.date) -> bool:
        """True when the event may have happened on ``day``."""
        return (self.earliest is None or self.earliest <= day) and day <= self.latest

    def straddles(self, day: _dt.date) -> bool:
        """True when ``day`` falls inside the window but before its last day.

        On such a day it is not known whether the event had happened yet.
        """
        return self.contains(day) and day < self.latest

    @property
    def sort_key(self) -> tuple[_dt.date, _dt.date]:
        """Order windows by their last day, then their first (open starts first)."""
        return (self.latest, self.earliest or _dt.date.min)


# ---------------------------------------------------------------------------
# what callers pass as a day

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMERIC_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})")
_UTC = _dt.timezone.utc


def _from_datetime(value: _dt.datetime) -> _dt.date:
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(_UTC).date()
    return value.date()


def to_date(when: DateLike) -> _dt.date:
    """Turn ``when`` into one calendar day.

    Accepts a :class:`datetime.date`; a :class:`datetime.datetime` (a
    timezone-aware one counts as its calendar date in UTC); or text. ISO
    ``YYYY-MM-DD`` text takes a fast path; other unambiguous text such as
    ``"1 June 2024"`` is read by python-dateutil.

    Raises:
        TypeError: ``when`` is not a date, a datetime or text (``None``, a number...).
        ValueError: the text is empty, names an impossible day (``"2024-02-31"``),
            names no single day (``"June 2024"``), or is an ambiguous numeric
            form such as ``"03/04/2024"`` (3 April or 4 March?).
    """
    if isinstance(when, _dt.datetime):
        return _from_datetime(when)
    if isinstance(when, _dt.date):
        return when
    if not isinstance(when, str):
        raise TypeError(
            f"expected a date, a datetime or date text, got {type(when).__name__} {when!r}"
        )
    text = when.strip()
    if not text:
        raise ValueError("expected a date such as '2024-06-01', got empty text")
    if _ISO_DAY.fullmatch(text):
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{when!r} is not a real calendar date; expected YYYY-MM-DD") from None
    return _parse_text(when, text)


def _parse_text(original: str, text: str) -> _dt.date:
    numeric = _NUMERIC_DMY.fullmatch(text)
    if numeric is not None:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        if first != second and first <= 12 and second <= 12:
            raise ValueError(
                f"{original!r} is ambiguous (day/month or month/day?); write it as YYYY-MM-DD"
            )
    try:  # ISO date-time text, possibly with an offset
        return _from_datetime(_dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    from dateutil import parser  # imported only for text that is not ISO

    defaults = (_dt.datetime(2000, 1, 1), _dt.datetime(2001, 2, 2))
    try:
        parsed = [parser.parse(text, default=default) for default in defaults]
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"{original!r} is not a date this library can read ({exc})") from None
    if parsed[0].date() != parsed[1].date():
        raise ValueError(
            f"{original!r} does not name a single day (is the day or month missing?); "
            "expected a full date such as '2024-06-01'"
        )
    return _from_datetime(parsed[0])
