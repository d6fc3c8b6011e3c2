"""Membership over time, and official counts checked against the documented members."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from .enums import Bloc, SignatoryType
from .records import BlocMember, CountComparison, OfficialCount, Signatory, TimelinePoint

__all__ = ["blocs", "compare_counts", "membership_timeline"]


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


def blocs(
    ilrs_members: Iterable[Signatory],
    accords_members: Iterable[Signatory],
    *,
    organizations: bool = False,
) -> tuple[BlocMember, ...]:
    """The states in either programme, given each programme's members on one day.

    One row per state (by ISO code): in both programmes first, then only in
    the ILRS, then only in the Accords, each by name. With ``organizations``,
    also every ILRS member that is not a state and whose host state is in the
    Accords (Oman Lens, the Astronomical Observatory of Belgrade...), last.
    """
    ilrs_states = {s.country_code: s for s in ilrs_members if s.type is SignatoryType.COUNTRY}
    others = [s for s in ilrs_members if s.type is not SignatoryType.COUNTRY]
    accords = {s.country_code: s for s in accords_members if s.country_code}
    rows: list[BlocMember] = []
    for code in ilrs_states.keys() | accords.keys():
        if code is None:
            continue
        ilrs, signed = ilrs_states.get(code), accords.get(code)
        named = ilrs or signed
        assert named is not None
        bloc = Bloc.BOTH if ilrs and signed else Bloc.ILRS if ilrs else Bloc.ACCORDS
        rows.append(
            BlocMember(
                id=code,
                name=named.name,
                type=SignatoryType.COUNTRY,
                country_code=code,
                bloc=bloc,
                ilrs_joined=ilrs.joined if ilrs else None,
                accords_joined=signed.joined if signed else None,
                accords_order=signed.order if signed else None,
            )
        )
    rank = {Bloc.BOTH: 0, Bloc.ILRS: 1, Bloc.ACCORDS: 2}
    rows.sort(key=lambda row: (rank[row.bloc], row.name.casefold()))
    if organizations:
        for body in sorted(others, key=lambda s: s.name.casefold()):
            host = accords.get(body.country_code) if body.country_code else None
            if host is not None:
                rows.append(
                    BlocMember(
                        id=body.id,
                        name=body.name,
                        type=body.type,
                        country_code=body.country_code,
                        bloc=Bloc.ILRS,
                        ilrs_joined=body.joined,
                        accords_joined=host.joined,
                        accords_order=host.order,
                    )
                )
    return tuple(rows)
