"""The :class:`Dataset`: every record of one data package, indexed for queries."""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from . import _dt
from .dates import DateLike, to_date
from .package import PackageData, gc_paused, read_path
from .records import (
    Agreement,
    AgreementKind,
    Exclusion,
    Gap,
    OfficialCount,
    Signatory,
    SignatoryType,
    Source,
    parse_enum,
)
from .results import Results
from .timeline import CountComparison, TimelinePoint, membership_timeline

if TYPE_CHECKING:
    # (imported where they are used: a query about signatories does not need them)
    from .programme import Mission, MissionKind, MissionStatus, Phase, Plan

__all__ = ["Dataset", "load"]

Row = Mapping[str, Any]
K = TypeVar("K")
V = TypeVar("V")


def _group(pairs: Iterable[tuple[K, V]]) -> dict[K, tuple[V, ...]]:
    grouped: dict[K, list[V]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in grouped.items()}


def _fold(key: str) -> str:
    return key.strip().casefold()


def _miss(what: str, key: str, known: Iterable[str]) -> LookupError:
    from difflib import get_close_matches

    close = get_close_matches(_fold(key), list(known), n=3, cutoff=0.6)
    hint = f"; closest matches: {', '.join(repr(c) for c in close)}" if close else ""
    return LookupError(f"no {what} matches {key!r}{hint}")


class Dataset:
    """All records of one ILRS data package, with the queries over them.

    The bundled dataset is behind the module-level functions (``ilrs.get``,
    ``ilrs.members_as_of``...); :func:`ilrs.load` gives a Dataset for another
    package directory. A Dataset never changes after it is built: every query
    returns tuples of frozen records or a fresh dict.
    """

    __slots__ = (
        "_agreements",
        "_by_key",
        "_cache",
        "_data_as_of",
        "_groups",
        "_latest",
        "_lock",
        "_ordered",
        "_source_by_id",
        "_sources",
        "_tables",
        "_version",
    )

    def __init__(self, data: PackageData) -> None:
        """Build the records and indexes of validated package data.

        Use :func:`ilrs.load` to read a package directory; this constructor
        takes data that :mod:`ilrs.package` has already validated. Signatories,
        their agreements and the sources are built here; missions, plans and
        phases, official counts, exclusions and gaps are built the first time a
        query needs them (once, thread-safe).
        """
        tables = self._tables = data.tables
        self._version: str = data.version
        self._data_as_of: _dt.date = data.data_as_of
        self._lock = threading.RLock()
        #: What is built on first use, by name: see _cached.
        self._cache: dict[Hashable, Any] = {}

        sources = self._source_by_id = {
            row["id"]: Source.from_row(row) for row in tables["sources"]
        }
        agreement_sources = self._cited("agreement_sources", "agreement_id")
        agreements = [
            Agreement.from_row(row, sources=agreement_sources.get(row["id"], ()))
            for row in tables["agreements"]
        ]
        agreements.sort(key=lambda a: (a.signed.sort_key, a.id))
        by_signatory = _group((a.signatory_id, a) for a in agreements)
        signatory_sources = self._cited("signatory_sources", "signatory_id")
        signatories = [
            Signatory.from_row(
                row,
                agreements=by_signatory.get(row["id"], ()),
                sources=signatory_sources.get(row["id"], ()),
            )
            for row in tables["signatories"]
        ]
        signatories.sort(key=lambda s: (s.joined.sort_key, s.name.casefold(), s.id))

        self._sources: Results[Source] = Results(
            sorted(sources.values(), key=lambda s: s.id), of=Source
        )
        self._agreements: Results[Agreement] = Results(agreements, of=Agreement)
        self._ordered: Results[Signatory] = Results(signatories, of=Signatory)

        # membership: signatories in order of joined.latest, per type, for bisect
        groups: dict[SignatoryType | None, Results[Signatory]] = {None: self._ordered}
        for kind in SignatoryType:
            groups[kind] = Results((s for s in signatories if s.type is kind), of=Signatory)
        self._groups = groups
        self._latest: dict[SignatoryType | None, list[_dt.date]] = {
            kind: [s.joined.latest for s in group] for kind, group in groups.items()
        }

        by_key: dict[str, Signatory] = {}
        for signatory in signatories:
            keys = [signatory.id, signatory.name, *signatory.aliases]
            if signatory.type is SignatoryType.COUNTRY and signatory.country_code:
                keys.append(signatory.country_code)
            for key in keys:
                by_key.setdefault(_fold(key), signatory)
        self._by_key = by_key

    # -- what is built on first use ---------------------------------------------
    def _cached(self, key: Hashable, build: Callable[[], V]) -> V:
        """``build()``, called once per key (under the lock) and kept."""
        try:
            found: V = self._cache[key]
        except KeyError:
            with self._lock:
                if key not in self._cache:
                    self._cache[key] = build()
                found = self._cache[key]
        return found

    def _build_all(self) -> None:
        """Build everything now (:func:`load` does, so that any fault shows at once).

        The package's rows are then let go: every record has been made from them.
        """
        self._mission_index()
        self._plan_index()
        self.official_counts()
        self.exclusions()
        self.gaps()
        with self._lock:
            self._tables = {}

    def _cited(self, link: str, key: str) -> dict[str, tuple[Source, ...]]:
        """The sources each record cites, by the record's id, from a link table."""
        sources = self._source_by_id
        return _group((row[key], sources[row["source_id"]]) for row in self._tables[link])

    def _mission_index(self) -> tuple[Results[Mission], dict[str, Mission]]:
        """The missions, and each mission by every folded key (id, name, aliases)."""
        return self._cached("missions", self._build_missions)

    def _build_missions(self) -> tuple[Results[Mission], dict[str, Mission]]:
        from .programme import LaunchAnnouncement, Mission, Payload

        tables, sources = self._tables, self._source_by_id
        mission_phases = _group(
            (row["mission_id"], row["phase_id"]) for row in tables["phase_missions"]
        )
        announcements = _group(
            (row["mission_id"], LaunchAnnouncement.from_row(row, source=sources[row["source_id"]]))
            for row in tables["launch_announcements"]
        )
        payloads = _group(
            (row["mission_id"], Payload.from_row(row, source=sources[row["source_id"]]))
            for row in tables["payloads"]
        )
        mission_sources = self._cited("mission_sources", "mission_id")
        missions = Results(
            (
                Mission.from_row(
                    row,
                    phase_ids=mission_phases.get(row["id"], ()),
                    launch_announcements=tuple(
                        sorted(announcements.get(row["id"], ()), key=lambda a: a.announced.sort_key)
                    ),
                    payloads=payloads.get(row["id"], ()),
                    sources=mission_sources.get(row["id"], ()),
                )
                for row in tables["missions"]
            ),
            of=Mission,
        )
        by_key: dict[str, Mission] = {}
        for mission in missions:
            for key in (mission.id, mission.name, *mission.aliases):
                by_key.setdefault(_fold(key), mission)
        return missions, by_key

    def _plan_index(self) -> tuple[Results[Plan], dict[str, Results[Phase]]]:
        """The plans, oldest first, and each plan's phases in order, by plan id."""
        return self._cached("plans", self._build_plans)

    def _build_plans(self) -> tuple[Results[Plan], dict[str, Results[Phase]]]:
        from .programme import Phase, Plan

        tables = self._tables
        plan_sources = self._cited("plan_sources", "plan_id")
        plans = Results(
            sorted(
                (
                    Plan.from_row(row, sources=plan_sources.get(row["id"], ()))
                    for row in tables["plans"]
                ),
                key=lambda p: (p.published.sort_key, p.id),
            ),
            of=Plan,
        )
        phase_missions = _group(
            (row["phase_id"], row["mission_id"]) for row in tables["phase_missions"]
        )
        phases = [
            Phase.from_row(row, mission_ids=phase_missions.get(row["id"], ()))
            for row in tables["phases"]
        ]
        by_plan = {
            plan_id: Results(sorted(group, key=lambda p: p.order), of=Phase)
            for plan_id, group in _group((p.plan, p) for p in phases).items()
        }
        return plans, by_plan

    def _build_counts(self) -> Results[OfficialCount]:
        sources = self._source_by_id
        return Results(
            sorted(
                (
                    OfficialCount.from_row(row, source=sources[row["source_id"]])
                    for row in self._tables["official_counts"]
                ),
                key=lambda c: (c.stated.sort_key, c.id),
            ),
            of=OfficialCount,
        )

    def _build_exclusions(self) -> Results[Exclusion]:
        cited = self._cited("exclusion_sources", "exclusion_id")
        return Results(
            (
                Exclusion.from_row(row, sources=cited.get(row["id"], ()))
                for row in self._tables["exclusions"]
            ),
            of=Exclusion,
        )

    def _build_gaps(self) -> Results[Gap]:
        cited = self._cited("gap_sources", "gap_id")
        return Results(
            sorted(
                (
                    Gap.from_row(row, sources=cited.get(row["id"], ()))
                    for row in self._tables["gaps"]
                ),
                key=lambda g: (g.date.sort_key, g.id),
            ),
            of=Gap,
        )

    @property
    def version(self) -> str:
        """The data package's version (``DATA_VERSION`` for the bundled one)."""
        return self._version

    @property
    def data_as_of(self) -> _dt.date:
        """The newest date the data was checked against its sources."""
        return self._data_as_of

    def __repr__(self) -> str:
        return (
            f"<Dataset version={self.version!r} as of {self.data_as_of}: "
            f"{len(self._ordered)} signatories, {len(self._agreements)} agreements, "
            f"{len(self.missions())} missions, {len(self.plans())} plans>"
        )

    # -- signatories --------------------------------------------------------
    def _type(self, type: SignatoryType | str | None) -> SignatoryType | None:
        return None if type is None else parse_enum(SignatoryType, type, "signatory type")

    def signatories(self, *, type: SignatoryType | str | None = None) -> Results[Signatory]:
        """Every signatory (of one ``type``, if given), in order of joining."""
        return self._groups[self._type(type)]

    def members_as_of(
        self, when: DateLike, *, type: SignatoryType | str | None = None
    ) -> Results[Signatory]:
        """The signatories that had certainly joined by the day ``when``.

        A signatory counts as a member on day D when its ``joined`` window ends
        on or before D. One whose window contains D but ends later (signed
        "in May 2024", asked about 10 May 2024) is not counted: see
        :meth:`possible_members_as_of` for those.

        ``when`` is a date, a datetime (an aware one counts as its UTC date) or
        text (see :func:`ilrs.dates.to_date`). ``type`` limits the answer to
        one :class:`SignatoryType` (a member or its value, e.g. ``"country"``).
        """
        day = to_date(when)
        kind = self._type(type)
        group = self._groups[kind]
        return group[: bisect.bisect_right(self._latest[kind], day)]

    def possible_members_as_of(
        self, when: DateLike, *, type: SignatoryType | str | None = None
    ) -> Results[Signatory]:
        """The signatories whose ``joined`` window straddles ``when``.

        These may or may not have joined by that day (their window contains it
        but ends after it), so :meth:`members_as_of` leaves them out.
        """
        day = to_date(when)
        kind = self._type(type)
        group = self._groups[kind]
        later = group[bisect.bisect_right(self._latest[kind], day) :]
        return Results((s for s in later if s.joined.straddles(day)), of=Signatory)

    def by_type(self, as_of: DateLike | None = None) -> dict[SignatoryType, Results[Signatory]]:
        """A new dict from every :class:`SignatoryType` to its signatories.

        With ``as_of``, only the members on that day (see :meth:`members_as_of`).
        """
        if as_of is None:
            return {kind: self._groups[kind] for kind in SignatoryType}
        day = to_date(as_of)
        return {kind: self.members_as_of(day, type=kind) for kind in SignatoryType}

    def timeline(self, *, type: SignatoryType | str | None = None) -> Results[TimelinePoint]:
        """Membership on each day it changed, oldest first: counts by type, ready to plot.

        Each :class:`~ilrs.timeline.TimelinePoint` gives the running count of
        members of every type from that day on, the signatories it adds, and
        which of those have a joining date known only approximately. The rule
        is that of :meth:`members_as_of`, so ``timeline()[-1].total`` equals
        ``len(signatories())``. With ``type``, only signatories of that type
        are counted. Built once per type, then reused.
        """
        kind = self._type(type)
        group = self._groups[kind]
        return self._cached(
            ("timeline", kind), lambda: Results(membership_timeline(group), of=TimelinePoint)
        )

    def get(self, key: str) -> Signatory:
        """The signatory with this id, name, alias or ISO code (case-insensitive).

        ISO 3166-1 alpha-3 and alpha-2 codes find states only. Raises
        :class:`TypeError` if ``key`` is not text and :class:`LookupError`,
        naming the closest matches, if nothing matches.
        """
        if not isinstance(key, str):
            raise TypeError(f"expected a signatory id, name, alias or ISO code, got {key!r}")
        folded = _fold(key)
        found = self._by_key.get(folded)
        if found is not None:
            return found
        if len(folded) == 2:
            found = self._alpha2_index().get(folded)
            if found is not None:
                return found
        raise _miss("signatory", key, self._by_key)

    def _alpha2_index(self) -> dict[str, Signatory]:
        return self._cached("alpha2", self._build_alpha2)

    def _build_alpha2(self) -> dict[str, Signatory]:
        import pycountry

        index: dict[str, Signatory] = {}
        for signatory in self._groups[SignatoryType.COUNTRY]:
            country = pycountry.countries.get(alpha_3=signatory.country_code)
            if country is not None:
                index[country.alpha_2.casefold()] = signatory
        return index

    # -- agreements and sources --------------------------------------------
    def agreements(
        self,
        *,
        signatory: Signatory | str | None = None,
        kind: AgreementKind | str | None = None,
    ) -> Results[Agreement]:
        """Every agreement in order of signing, optionally of one signatory or kind.

        ``signatory`` is a :class:`Signatory` or any key :meth:`get` accepts.
        """
        found: Iterable[Agreement] = self._agreements
        if signatory is not None:
            who = signatory if isinstance(signatory, Signatory) else self.get(signatory)
            found = who.agreements
        if kind is not None:
            wanted = parse_enum(AgreementKind, kind, "agreement kind")
            found = (a for a in found if a.kind is wanted)
        return Results(found, of=Agreement)

    def sources(self) -> Results[Source]:
        """Every source cited anywhere in the data, by id."""
        return self._sources

    # -- missions, plans, phases --------------------------------------------
    def missions(
        self,
        *,
        status: MissionStatus | str | None = None,
        phase: Phase | str | None = None,
        kind: MissionKind | str | None = None,
    ) -> Results[Mission]:
        """Missions, optionally filtered.

        ``status`` and ``kind`` take a member or its value (``"planned"``,
        ``"lander"``); ``phase`` takes a :class:`Phase`, a phase id, or a phase
        name of the current plan (``"construction"``).
        """
        missions = self._mission_index()[0]
        if status is None and kind is None and phase is None:
            return missions
        from .programme import Mission, MissionKind, MissionStatus

        found: Iterable[Mission] = missions
        if status is not None:
            wanted_status = parse_enum(MissionStatus, status, "mission status")
            found = [m for m in found if m.status is wanted_status]
        if kind is not None:
            wanted_kind = parse_enum(MissionKind, kind, "mission kind")
            found = [m for m in found if wanted_kind in m.kinds]
        if phase is not None:
            phase_id = self._phase(phase).id
            found = [m for m in found if phase_id in m.phase_ids]
        return Results(found, of=Mission)

    def mission(self, key: str) -> Mission:
        """The mission with this id, name or alias (case-insensitive); LookupError if none."""
        if not isinstance(key, str):
            raise TypeError(f"expected a mission id, name or alias, got {key!r}")
        by_key = self._mission_index()[1]
        found = by_key.get(_fold(key))
        if found is None:
            raise _miss("mission", key, by_key)
        return found

    def plans(self) -> Results[Plan]:
        """Every published version of the roadmap, oldest first.

        :attr:`current_plan` is the newest one whose scope is the whole programme.
        """
        return self._plan_index()[0]

    @property
    def current_plan(self) -> Plan:
        """The most recently published plan version for the whole programme."""
        from .programme import PlanScope

        for plan in reversed(self.plans()):
            if plan.scope is PlanScope.PROGRAMME:
                return plan
        raise LookupError("this data package has no programme-wide plan version")

    def _plan(self, plan: Plan | str | None) -> Plan:
        from .programme import Plan

        if plan is None:
            return self.current_plan
        if isinstance(plan, Plan):
            return plan
        if not isinstance(plan, str):
            raise TypeError(f"expected a plan id or Plan, got {plan!r}")
        for candidate in self.plans():
            if candidate.id == _fold(plan):
                return candidate
        raise _miss("plan", plan, [p.id for p in self.plans()])

    def phases(self, plan: Plan | str | None = None) -> Results[Phase]:
        """The phases of one plan version (the current one by default), in order."""
        from .programme import Phase

        return self._plan_index()[1].get(self._plan(plan).id, Results(of=Phase))

    def _phase(self, phase: Phase | str) -> Phase:
        from .programme import Phase

        if isinstance(phase, Phase):
            return phase
        if not isinstance(phase, str):
            raise TypeError(f"expected a phase id, phase name or Phase, got {phase!r}")
        folded = _fold(phase)
        by_plan = self._plan_index()[1]
        for group in by_plan.values():
            for candidate in group:
                if candidate.id == folded:
                    return candidate
        for candidate in self.phases():
            if _fold(candidate.name) == folded:
                return candidate
        known = [p.id for g in by_plan.values() for p in g]
        raise _miss("phase", phase, known + [_fold(p.name) for p in self.phases()])

    # -- the record of the record -------------------------------------------
    def official_counts(self) -> Results[OfficialCount]:
        """Official statements of the number of partners, oldest first."""
        return self._cached("counts", self._build_counts)

    def compare_counts(self) -> Results[CountComparison]:
        """Each official count beside the members documented by its date, oldest first.

        See :class:`~ilrs.timeline.CountComparison` for what is compared.
        """
        return Results(
            (
                CountComparison.from_members(count, self.members_as_of(count.stated.latest))
                for count in self.official_counts()
            ),
            of=CountComparison,
        )

    def exclusions(self) -> Results[Exclusion]:
        """States reported as joining that are not counted as members, with the reason."""
        return self._cached("exclusions", self._build_exclusions)

    def gaps(self) -> Results[Gap]:
        """Reported partners or facts too thinly sourced to make records of."""
        return self._cached("gaps", self._build_gaps)


def load(path: Any) -> Dataset:
    """Read, fully validate and index the data package in directory ``path``.

    The directory must be laid out like the bundled package (``ilrs/data``).
    Raises :class:`ilrs.DataError` listing every defect (nothing is returned
    or cached), or :class:`FileNotFoundError` if ``path`` is not a directory.
    """
    with gc_paused():  # a large package: see ilrs.package.gc_paused
        dataset = Dataset(read_path(path))
        dataset._build_all()
    return dataset
