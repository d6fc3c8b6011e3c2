"""Membership over time: counts by type after each change, and official claims checked.

:class:`TimelinePoint` gives the documented membership on each day it changed;
:class:`CountComparison` sets an official statement of the number of partners
beside the members documented by the day it was made.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from . import _dt
from .dates import Precision, _Frozen, _set
from .records import SignatoryType

if TYPE_CHECKING:
    from .dates import DateWindow
    from .records import OfficialCount, Signatory

__all__ = ["CountComparison", "TimelinePoint", "membership_timeline"]

#: Types that official statements count as "countries and international organisations".
STATE_LIKE = frozenset({SignatoryType.COUNTRY, SignatoryType.INTERGOVERNMENTAL_ORGANIZATION})


class TimelinePoint(_Frozen):
    """The membership on one day on which it changed.

    The day is the last day of the joining windows of the signatories it adds
    (the same rule as :meth:`ilrs.Dataset.members_as_of`): from ``date`` on,
    they are certainly members.
    """

    __slots__ = ("added", "approximate", "counts", "date")

    #: The day membership changed.
    date: _dt.date
    #: Members of each type from this day on (every type, zeros included).
    counts: tuple[tuple[SignatoryType, int], ...]
    #: Ids of the signatories counted from this day, in the order of joining.
    added: tuple[str, ...]
    #: Those of ``added`` whose joining day is not known to the day (a month,
    #: a year, a range or an open-ended window ending on ``date``).
    approximate: tuple[str, ...]

    def __init__(
        self,
        *,
        date: _dt.date,
        counts: tuple[tuple[SignatoryType, int], ...],
        added: tuple[str, ...],
        approximate: tuple[str, ...],
    ) -> None:
        _set(self, "date", date)
        _set(self, "counts", counts)
        _set(self, "added", added)
        _set(self, "approximate", approximate)

    @classmethod
    def from_counts(
        cls,
        *,
        date: _dt.date,
        counts: Mapping[SignatoryType, int],
        added: Iterable[Signatory],
    ) -> TimelinePoint:
        """Build a point from running counts and the signatories it adds."""
        added = tuple(added)
        return cls(
            date=date,
            counts=tuple((kind, counts.get(kind, 0)) for kind in SignatoryType),
            added=tuple(s.id for s in added),
            approximate=tuple(s.id for s in added if s.joined.precision is not Precision.DAY),
        )

    @property
    def total(self) -> int:
        """Members of every type on this day."""
        return sum(count for _, count in self.counts)

    def count(self, type: SignatoryType | str) -> int:
        """Members of one type on this day (a :class:`SignatoryType` or its value)."""
        from .records import parse_enum

        wanted = parse_enum(SignatoryType, type, "signatory type")
        for kind, count in self.counts:
            if kind is wanted:
                return count
        return 0  # pragma: no cover - every type is in counts


def membership_timeline(ordered: Iterable[Signatory]) -> tuple[TimelinePoint, ...]:
    """One point per day on which membership changed, oldest first.

    ``ordered`` must be sorted by the last day of each joining window, as
    :meth:`ilrs.Dataset.signatories` returns them.
    """
    points: list[TimelinePoint] = []
    running: dict[SignatoryType, int] = {}
    batch: list[Signatory] = []
    day: _dt.date | None = None
    for signatory in ordered:
        latest = signatory.joined.latest
        if day is not None and latest != day:
            points.append(TimelinePoint.from_counts(date=day, counts=running, added=batch))
            batch = []
        day = latest
        running[signatory.type] = running.get(signatory.type, 0) + 1
        batch.append(signatory)
    if day is not None:
        points.append(TimelinePoint.from_counts(date=day, counts=running, added=batch))
    return tuple(points)


class CountComparison(_Frozen):
    """An official count of partners beside the members documented by its date.

    Documented members are those of :meth:`ilrs.Dataset.members_as_of` on the
    last day of the statement's date window, China and Russia included.
    Statements count "countries and international organisations" (here:
    countries and intergovernmental organizations) apart from "institutions"
    (every other type). Some speakers leave out China and Russia, or round
    down ("more than 50"): read ``count.wording`` before drawing conclusions.
    """

    __slots__ = ("count", "documented_countries_and_orgs", "documented_institutions", "on")

    #: The official statement.
    count: OfficialCount
    #: The day the documented members are counted on (the statement's last possible day).
    on: _dt.date
    #: Documented countries and intergovernmental organizations on ``on``.
    documented_countries_and_orgs: int
    #: Documented members of every other type on ``on``.
    documented_institutions: int

    def __init__(
        self,
        *,
        count: OfficialCount,
        on: _dt.date,
        documented_countries_and_orgs: int,
        documented_institutions: int,
    ) -> None:
        _set(self, "count", count)
        _set(self, "on", on)
        _set(self, "documented_countries_and_orgs", documented_countries_and_orgs)
        _set(self, "documented_institutions", documented_institutions)

    @classmethod
    def from_members(cls, count: OfficialCount, members: Iterable[Signatory]) -> CountComparison:
        """Compare ``count`` with ``members``, the members on its last possible day."""
        members = tuple(members)
        state_like = sum(1 for s in members if s.type in STATE_LIKE)
        return cls(
            count=count,
            on=count.stated.latest,
            documented_countries_and_orgs=state_like,
            documented_institutions=len(members) - state_like,
        )

    @property
    def id(self) -> str:
        """The official count's id."""
        return self.count.id

    @property
    def stated(self) -> DateWindow:
        """When the statement was made."""
        return self.count.stated

    @property
    def documented_total(self) -> int:
        """Documented members of every type on ``on``."""
        return self.documented_countries_and_orgs + self.documented_institutions
