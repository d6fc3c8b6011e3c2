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

import enum
import re
import threading
from collections.abc import Callable, Mapping
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

import attrs
from attrs.exceptions import FrozenInstanceError

from . import _dt

if TYPE_CHECKING:  # pragma: no cover
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: object) -> Callable[[type], type]:
        return lambda cls: cls


__all__ = ["DateLike", "DateWindow", "Precision", "to_date"]

#: What the query functions accept as a day: a date, a datetime or text.
DateLike = _dt.date | _dt.datetime | str

_set = object.__setattr__
_new = object.__new__
_fromisoformat = _dt.date.fromisoformat


# ---------------------------------------------------------------------------
# the frozen records' common machinery


class _AttrsFields:
    """``__attrs_attrs__`` of a record class, made by attrs the first time it is read."""

    def __get__(self, instance: object, owner: type) -> Any:
        declaring = next((c for c in owner.__mro__ if "_fields" in c.__dict__), None)
        if declaring is None:  # _Frozen itself is not an attrs class
            return None
        with _attrs_lock:
            found = declaring.__dict__.get("__attrs_attrs__")
            if isinstance(found, tuple):
                return found
            made = attrs.fields(_attrs_model(declaring))
            type.__setattr__(declaring, "__attrs_attrs__", made)
            return made


_attrs_lock = threading.Lock()


@dataclass_transform(frozen_default=True, kw_only_default=True)
class _Frozen:
    """Base of every ilrs record: frozen, slotted, keyword-only, and an attrs class.

    A subclass lists its fields in ``__slots__``, annotates them, and writes an
    ``__init__`` taking exactly those fields as keyword-only arguments (their
    order there is the fields' order). It then behaves as
    ``@attrs.frozen(kw_only=True)`` would make it: equality and hashing by
    value, an attrs-style ``repr``, assignment raising
    :class:`attrs.exceptions.FrozenInstanceError`, pickling and copying, and
    the attrs functions (``attrs.has``, ``attrs.fields``, ``attrs.asdict``,
    ``attrs.evolve``, ``attrs.validate``...).

    What it saves is attrs's class building at import: generating and compiling
    the methods of a class costs about half a millisecond, some 9 ms for all of
    ilrs's classes, most of what a cold start may add to ``import attrs`` (see
    docs/performance.md). These methods come from the bytecode cache like any
    other code, and the ``attrs.Attribute`` objects of ``__attrs_attrs__`` are
    made by attrs itself, from the same fields, the first time anything asks
    for them.
    """

    __slots__ = ("__weakref__",)
    __match_args__: ClassVar[tuple[str, ...]] = ()
    __attrs_attrs__: ClassVar[Any] = _AttrsFields()

    #: The field names, in order: those of ``__init__`` (set for each subclass).
    _fields: ClassVar[tuple[str, ...]]
    #: Gets an instance's field values as a tuple.
    _values: ClassVar[attrgetter[Any]]
    #: Options for ``attrs.field`` (validators) of the attrs model, by field name.
    _attrs_options: ClassVar[Mapping[str, Mapping[str, Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        slots = cls.__dict__.get("__slots__")
        if not slots or "__init__" not in cls.__dict__:  # a plain subclass inherits it all
            return
        code = cls.__dict__["__init__"].__code__
        fields = code.co_varnames[1 : 1 + code.co_kwonlyargcount]
        if code.co_argcount != 1 or sorted(fields) != sorted(slots):
            raise TypeError(
                f"{cls.__qualname__}.__init__ must take exactly its __slots__ {slots} "
                f"as keyword-only arguments; it takes {fields}"
            )
        cls._fields = fields
        # (attrgetter of one name gives the value, not a 1-tuple: name it twice)
        cls._values = attrgetter(*(fields * 2 if len(fields) == 1 else fields))

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise FrozenInstanceError

    def __delattr__(self, name: str) -> NoReturn:
        raise FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = self._values
        same: bool = values(self) == values(other)
        return same

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        if result is NotImplemented:
            return NotImplemented
        return not result

    def __hash__(self) -> int:
        return hash((self.__class__.__qualname__, self._values(self)))

    def __repr__(self) -> str:
        name = self.__class__.__qualname__.rsplit(">.", 1)[-1]
        shown = ", ".join(f"{field}={getattr(self, field)!r}" for field in self._fields)
        return f"{name}({shown})"

    def __getstate__(self) -> dict[str, Any]:
        return {field: getattr(self, field) for field in self._fields}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        for field in self._fields:
            if field in state:
                _set(self, field, state[field])


def _attrs_model(cls: type[_Frozen]) -> type:
    """The class ``@attrs.frozen(kw_only=True)`` makes of the same fields."""
    annotations = cls.__annotations__
    defaults = cls.__init__.__kwdefaults__ or {}
    namespace: dict[str, Any] = {
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
        "__doc__": cls.__doc__,
        "__annotations__": {field: annotations[field] for field in cls._fields},
    }
    for field in cls._fields:
        options = dict(cls._attrs_options.get(field, {}))
        if field in defaults:
            options["default"] = defaults[field]
        if options:
            namespace[field] = attrs.field(**options)
    model: type = attrs.frozen(kw_only=True)(type(cls.__name__, (), namespace))
    return model


# ---------------------------------------------------------------------------
# date windows


class Precision(enum.Enum):
    """How precisely a source gave a date."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    OPEN_START = "open_start"


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_end(year: int, month: int) -> int:
    """The last day of a month (1..12) of a year."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _is_edtf_day(text: str) -> bool:
    r"""True when ``text`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    The same test as the pattern ``\d{4}(-\d{2}(-\d{2})?)?``: ``str.isdecimal``
    and ``\d`` both mean the Unicode category Nd.
    """
    size = len(text)
    if size == 4:
        return text.isdecimal()
    if size == 7:
        return text[4] == "-" and text[:4].isdecimal() and text[5:].isdecimal()
    if size == 10:
        return (
            text[4] == "-"
            and text[7] == "-"
            and text[:4].isdecimal()
            and text[5:7].isdecimal()
            and text[8:].isdecimal()
        )
    return False


def _part_bounds(text: str, whole: str) -> tuple[_dt.date, _dt.date, Precision]:
    """First day, last day and precision of one EDTF date such as ``2024-05``."""
    if not _is_edtf_day(text):
        raise ValueError(
            f"{whole!r} is not an EDTF date window; expected YYYY, YYYY-MM, YYYY-MM-DD, "
            "START/END or ../END"
        )
    size = len(text)
    year = int(text[:4])
    try:
        if size == 4:
            return _dt.date(year, 1, 1), _dt.date(year, 12, 31), Precision.YEAR
        month = int(text[5:7])
        if size == 7:
            if not 1 <= month <= 12:  # (in the words of calendar.monthrange, used before)
                raise ValueError(f"bad month number {month}; must be 1-12")
            first = _dt.date(year, month, 1)
            return first, first.replace(day=_month_end(year, month)), Precision.MONTH
        exact = _dt.date(year, month, int(text[8:]))
    except ValueError as exc:
        raise ValueError(f"{whole!r} names an impossible date ({exc})") from None
    return exact, exact, Precision.DAY


def _date_error(name: str, value: object) -> TypeError:
    return TypeError(
        f"DateWindow.{name} must be a datetime.date, got {type(value).__name__} {value!r}"
    )


def _check_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The attrs validator of a window's days (``earliest`` may be ``None``)."""
    if value is None and attribute.name == "earliest":
        return
    if type(value) is not _dt.date:
        raise _date_error(attribute.name, value)


def _check_precision(value: object) -> None:
    if not isinstance(value, Precision):
        field = attrs.fields(DateWindow).precision
        raise TypeError(
            f"'precision' must be {Precision!r} (got {value!r} that is a {value.__class__!r}).",
            field,
            Precision,
            value,
        )


class DateWindow(_Frozen):
    """The span of days within which a dated event happened.

    ``earliest`` is ``None`` when the window is open at the start (known only to
    have happened on or before ``latest``). Build one with :meth:`parse` from
    EDTF text, or with :meth:`day`, :meth:`month`, :meth:`year`,
    :meth:`between` and :meth:`before`.
    """

    __slots__ = ("earliest", "latest", "precision")
    earliest: _dt.date | None
    latest: _dt.date
    precision: Precision

    _attrs_options: ClassVar[Mapping[str, Mapping[str, Any]]] = {
        "earliest": {"validator": _check_date},
        "latest": {"validator": _check_date},
        "precision": {"validator": attrs.validators.instance_of(Precision)},
    }

    def __init__(
        self, *, earliest: _dt.date | None, latest: _dt.date, precision: Precision
    ) -> None:
        _set(self, "earliest", earliest)
        _set(self, "latest", latest)
        _set(self, "precision", precision)
        if earliest is not None and type(earliest) is not _dt.date:
            raise _date_error("earliest", earliest)
        if type(latest) is not _dt.date:
            raise _date_error("latest", latest)
        _check_precision(precision)
        self.__attrs_post_init__()

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
                latest.replace(day=_month_end(latest.year, latest.month)),
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
        # The windows made here are valid by construction, so a plain DateWindow
        # skips the checks of __init__ (a subclass goes through its own).
        make: Callable[[_dt.date | None, _dt.date, Precision], DateWindow]
        if cls is DateWindow:
            if len(text) == 10 and text[4] == "-" and text[7] == "-":
                try:  # the common case, a day: only ASCII YYYY-MM-DD gets through here
                    day = _fromisoformat(text)
                except ValueError:
                    pass
                else:
                    return _window(day, day, Precision.DAY)
            make = _window
        else:
            make = _checked(cls)
        stripped = text.strip()
        if "/" not in stripped:
            first, last, precision = _part_bounds(stripped, text)
            return make(first, last, precision)
        start, _, end = stripped.partition("/")
        _, latest, _ = _part_bounds(end, text)
        if start == "..":
            return make(None, latest, Precision.OPEN_START)
        earliest, _, _ = _part_bounds(start, text)
        if earliest > latest:
            raise ValueError(f"{text!r} is a reversed date window: its start is after its end")
        return make(earliest, latest, Precision.RANGE)

    @classmethod
    def day(cls, day: _dt.date) -> DateWindow:
        """A window of exactly one day."""
        return cls(earliest=day, latest=day, precision=Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> DateWindow:
        """Some day in the given month."""
        year, month = _number(year, "year", 1, 9999), _number(month, "month", 1, 12)
        return cls.parse(f"{year:04d}-{month:02d}")

    @classmethod
    def year(cls, year: int) -> DateWindow:
        """Some day in the given year."""
        return cls.parse(f"{_number(year, 'year', 1, 9999):04d}")

    @classmethod
    def between(cls, earliest: _dt.date, latest: _dt.date) -> DateWindow:
        """Some day from ``earliest`` to ``latest``, both included."""
        if earliest is None:
            raise TypeError(
                "DateWindow.between needs a datetime.date as earliest, got NoneType None "
                "(use DateWindow.before for a window with no known start)"
            )
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

    def ends_by(self, day: DateLike) -> bool:
        """True when the event had certainly happened by ``day`` (``latest <= day``).

        ``day`` is anything :func:`to_date` reads; so is that of :meth:`contains`
        and :meth:`straddles`.
        """
        return self.latest <= _as_day(day)

    def contains(self, day: DateLike) -> bool:
        """True when the event may have happened on ``day``."""
        day = _as_day(day)
        return (self.earliest is None or self.earliest <= day) and day <= self.latest

    def straddles(self, day: DateLike) -> bool:
        """True when ``day`` falls inside the window but before its last day.

        On such a day it is not known whether the event had happened yet.
        """
        day = _as_day(day)
        return self.contains(day) and day < self.latest

    @property
    def sort_key(self) -> tuple[_dt.date, _dt.date]:
        """Order windows by their last day, then their first (open starts first)."""
        return (self.latest, self.earliest or _dt.date.min)


def _window(earliest: _dt.date | None, latest: _dt.date, precision: Precision) -> DateWindow:
    """A DateWindow from parts already known to make a valid one (no checks)."""
    window: DateWindow = _new(DateWindow)
    _set(window, "earliest", earliest)
    _set(window, "latest", latest)
    _set(window, "precision", precision)
    return window


def _checked(
    cls: type[DateWindow],
) -> Callable[[_dt.date | None, _dt.date, Precision], DateWindow]:
    def make(earliest: _dt.date | None, latest: _dt.date, precision: Precision) -> DateWindow:
        return cls(earliest=earliest, latest=latest, precision=precision)

    return make


# ---------------------------------------------------------------------------
# what callers pass as a day

#: Numeric day/month/year text such as 03/04/2024 (compiled on first use, by re).
_NUMERIC_DMY = r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})"
_UTC = _dt.timezone.utc


def _as_day(value: DateLike) -> _dt.date:
    """``value`` as a day: a plain date as it is, anything else through :func:`to_date`."""
    return value if type(value) is _dt.date else to_date(value)


def _number(value: object, what: str, low: int, high: int) -> int:
    """``value`` if it is an int from ``low`` to ``high``; TypeError or ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an int {what}, got {type(value).__name__} {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{what} {value!r} is out of range; expected {low} to {high}")
    return value


def _from_datetime(value: _dt.datetime, original: object) -> _dt.date:
    if value.tzinfo is not None and value.utcoffset() is not None:
        try:
            return value.astimezone(_UTC).date()
        except OverflowError:  # e.g. 0001-01-01T00:30+01:00 is in year 0 in UTC
            raise ValueError(
                f"{original!r} falls outside the calendar in UTC; "
                "expected a day from 0001-01-01 to 9999-12-31"
            ) from None
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
        return _from_datetime(when, when)
    if isinstance(when, _dt.date):
        return when
    if not isinstance(when, str):
        raise TypeError(
            f"expected a date, a datetime or date text, got {type(when).__name__} {when!r}"
        )
    text = when.strip()
    if not text:
        raise ValueError("expected a date such as '2024-06-01', got empty text")
    if len(text) == 10 and _is_edtf_day(text):  # YYYY-MM-DD
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{when!r} is not a real calendar date; expected YYYY-MM-DD") from None
    return _parse_text(when, text)


def _parse_text(original: str, text: str) -> _dt.date:
    numeric = re.fullmatch(_NUMERIC_DMY, text)
    if numeric is not None:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        if first != second and first <= 12 and second <= 12:
            raise ValueError(
                f"{original!r} is ambiguous (day/month or month/day?); write it as YYYY-MM-DD"
            )
    # ISO date-time text, possibly with an offset. Only that: from Python 3.11 on,
    # fromisoformat also reads week dates ("2024-W22" as its Monday) and more.
    if len(text) > 10 and text[10] in "T " and _is_edtf_day(text[:10]):
        try:
            iso = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass
        else:
            return _from_datetime(iso, original)
    from dateutil import parser  # imported only for text that is not ISO

    defaults = (_dt.datetime(2000, 1, 1), _dt.datetime(2001, 2, 2))
    try:
        parsed = [parser.parse(text, default=default) for default in defaults]
    except (ValueError, OverflowError) as exc:
        raise ValueError(
            f"{original!r} is not a date this library can read ({exc}); "
            "expected a date such as '2024-06-01'"
        ) from None
    if parsed[0].date() != parsed[1].date():
        raise ValueError(
            f"{original!r} does not name a single day (is the day or month missing?); "
            "expected a full date such as '2024-06-01'"
        )
    return _from_datetime(parsed[0], original)
