"""Membership over time, and official counts checked against the documented members."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from .enums import SignatoryType
from .records import CountComparison, OfficialCount, Signatory, TimelinePoint

__all__ = ["compare_counts", "membership_timeline"]


def membership_timeline(ordered: Iterable[Signatory]) -> tuple[TimelinePoint, ...]:
    """One point per day on which membership changed, oldest first.

    ``ordered`` must be sorted by the last day of each joining window, as
    `ilrs.Dataset.signatories` returns them.
    """
    points: list[TimelinePoint] = []
    running: dict[SignatoryType, int] = {}
    batch: list[Signatory] = []
    day: datetime.date | None = None
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


def compare_counts(
    counts: Iterable[OfficialCount],
    members_on: Callable[[datetime.date], Iterable[Signatory]],
) -> tuple[CountComparison, ...]:
    """Each official count beside the members documented on its last possible day."""
    return tuple(
        CountComparison.from_members(count, members_on(count.stated.latest)) for count in counts
    )
