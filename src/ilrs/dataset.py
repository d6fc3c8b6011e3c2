"""The `Dataset`: the records of one data package, indexed, with every query; and `load`."""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

from .analysis import compare_counts, membership_timeline
from .dates import DateLike, DateWindow, to_date
from .enums import AgreementKind, MissionKind, MissionStatus, SignatoryType, parse_enum
from .read import Row, Tables
from .records import (
    Agreement,
    CountComparison,
    Exclusion,
    Gap,
    LaunchAnnouncement,
    Mission,
    OfficialCount,
    Payload,
    Phase,
    Plan,
    Signatory,
    Source,
    TimelinePoint,
    WeakRecord,
)
from .results import Groups, Query, Results, sliced
from .schema import alpha2, lookup_key, lookup_keys
from .validate import validate

__all__ = ["Dataset", "load"]

K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")
Keyed = TypeVar("Keyed", Signatory, Mission)


def _group(pairs: Iterable[tuple[K, V]]) -> dict[K, list[V]]:
    grouped: dict[K, list[V]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def _index(rows: Iterable[Row], records: Iterable[Keyed]) -> dict[str, Keyed]:
    """Each record by every folded key of its row (`lookup_keys`); the first record wins."""
    by_id = {record.id: record for record in records}
    index: dict[str, Keyed] = {}
    for row in rows:
        for _, key in lookup_keys(row):
            index.setdefault(lookup_key(key), by_id[row["id"]])
    return index


def _call(name: str, *args: Any, **kwargs: Any) -> Query:
    """A query as made, for captions (formatted only when shown)."""
    return (name, args, kwargs)


class Dataset:
    """All records of one data package, with the queries over them.

    The bundled dataset is behind the module-level functions (``ilrs.get``,
    ``ilrs.members_as_of``...); `ilrs.load` gives a Dataset for another
    package directory. A Dataset never changes after it is built: every query
    returns a `Results` (a tuple of frozen records) or a fresh dict.
    Signatories, agreements and sources are built at once; missions, plans,
    counts, exclusions and gaps the first time a query needs them.
    """

    __slots__ = (
        "_agreements",
        "_by_key",
        "_cache",
        "_data_as_of",
        "_groups",
        "_latest",
        "_name",
        "_ordered",
        "_source_by_id",
        "_sources",
        "_tables",
        "_version",
    )

    def __init__(self, tables: Tables) -> None:
        """Build the records and indexes of a package's typed tables.

        Use `ilrs.load` to read a package directory; this constructor takes
        tables already read (`ilrs.read`) or validated (`ilrs.validate`).
        """
        self._tables = tables
        self._name: str = tables.name
        self._version: str = tables.version
        self._data_as_of: datetime.date = tables.data_as_of
        #: What is built on first use, by name: see _cached.
        self._cache: dict[Hashable, Any] = {}

        sources = self._source_by_id = {
            row["id"]: Source.from_row(row) for row in tables["sources"]
        }
        agreement_sources = self._cited("agreement_sources", "agreement_id")
        agreements = sorted(
            (
                Agreement.from_row(row, sources=agreement_sources.get(row["id"], ()))
                for row in tables["agreements"]
            ),
            key=lambda a: (a.signed, a.id),
        )
        by_signatory = _group((a.signatory_id, a) for a in agreements)
        signatory_sources = self._cited("signatory_sources", "signatory_id")
        signatories = sorted(
            (
                Signatory.from_row(
                    row,
                    agreements=by_signatory.get(row["id"], ()),
                    sources=signatory_sources.get(row["id"], ()),
                )
                for row in tables["signatories"]
            ),
            key=lambda s: (s.joined, s.name.casefold(), s.id),
        )
        self._sources = self._results(
            sorted(sources.values(), key=lambda s: s.id), Source, "sources()"
        )
        self._agreements = self._results(agreements, Agreement, "agreements()")
        self._ordered = self._results(signatories, Signatory, "signatories()")

        # membership: signatories in order of joined.latest, per type, for bisect
        groups: dict[SignatoryType | None, Results[Signatory]] = {None: self._ordered}
        for kind in SignatoryType:
            groups[kind] = self._results(
                (s for s in signatories if s.type is kind),
                Signatory,
                _call("signatories", type=kind),
            )
        self._groups = groups
        self._latest: dict[SignatoryType | None, list[datetime.date]] = {
            kind: [s.joined.latest for s in group] for kind, group in groups.items()
        }
        self._by_key = _index(tables["signatories"], signatories)

    # -- helpers -------------------------------------------------------------------
    def _results(self, items: Iterable[R], of: type, query: str | Query) -> Results[R]:
        return Results(
            items,
            of=of,
            query=query,
            package=self._name,
            version=self._version,
            as_of=self._data_as_of,
        )

    def _cached(self, key: Hashable, build: Callable[[], V]) -> V:
        """``build()``, kept under ``key``: every caller gets the first value kept."""
        try:
            found: V = self._cache[key]
        except KeyError:
            found = self._cache.setdefault(key, build())
        return found

    def _cited(self, link: str, key: str) -> dict[str, list[Source]]:
        """The sources each record cites, by the record's id, from a link table."""
        sources = self._source_by_id
        return _group((row[key], sources[row["source_id"]]) for row in self._tables[link])

    def _build_all(self) -> None:
        """Build every part now (`load` does, so that any fault shows at once).

        The typed rows are then let go: every record has been made from them.
        """
        self._missions()
        self._plans()
        self.official_counts()
        self.exclusions()
        self.gaps()
        tables = self._tables
        self._tables = Tables(
            tables.schema, name=tables.name, version=tables.version, data_as_of=tables.data_as_of
        )

    @property
    def name(self) -> str:
        """The data package's name (``ilrs`` for the bundled ILRS data)."""
        return self._name

    @property
    def version(self) -> str:
        """The data package's version (``DATA_VERSION`` for the bundled one)."""
        return self._version

    @property
    def data_as_of(self) -> datetime.date:
        """The newest date the data was checked against its sources."""
        return self._data_as_of

    def __repr__(self) -> str:
        return (
            f"<Dataset {self.name} version={self.version!r} as of {self.data_as_of}: "
            f"{len(self._ordered)} signatories, {len(self._agreements)} agreements, "
            f"{len(self.missions())} missions, {len(self.plans())} plans>"
        )

    # -- signatories ----------------------------------------------------------------
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
        `possible_members_as_of` for those.

        ``when`` is a date, a datetime (an aware one counts as its UTC date) or
        text (see `ilrs.dates.to_date`). ``type`` limits the answer to one
        `SignatoryType` (a member or its value, e.g. ``"country"``).
        """
        day = to_date(when)
        kind = self._type(type)
        cut = slice(None, bisect.bisect_right(self._latest[kind], day))
        return sliced(self._groups[kind], cut, _call("members_as_of", day, type=kind))

    def possible_members_as_of(
        self, when: DateLike, *, type: SignatoryType | str | None = None
    ) -> Results[Signatory]:
        """The signatories whose ``joined`` window straddles ``when``.

        These may or may not have joined by that day (their window contains it
        but ends after it), so `members_as_of` leaves them out.
        """
        day = to_date(when)
        kind = self._type(type)
        group = self._groups[kind]
        later = group[bisect.bisect_right(self._latest[kind], day) :]
        return self._results(
            (s for s in later if s.joined.straddles(day)),
            Signatory,
            _call("possible_members_as_of", day, type=kind),
        )

    def by_type(self, as_of: DateLike | None = None) -> Groups[SignatoryType, Signatory]:
        """Every `SignatoryType` with its signatories: a new dict that prints as one table.

        With ``as_of``, only the members on that day (see `members_as_of`).
        """
        if as_of is None:
            groups = ((kind, self._groups[kind]) for kind in SignatoryType)
            return Groups(groups, query="by_type()")
        day = to_date(as_of)
        return Groups(
            ((kind, self.members_as_of(day, type=kind)) for kind in SignatoryType),
            query=_call("by_type", day),
        )

    def joined_between(
        self, first: DateLike, last: DateLike, *, type: SignatoryType | str | None = None
    ) -> Groups[str, Signatory]:
        """The signatories that joined within a period, certain apart from possible.

        ``"certain"`` holds those whose ``joined`` window lies inside the
        period (from ``first`` to ``last``, both included); ``"possible"``
        those whose window overlaps it without lying inside (Bolivia, "on or
        before 28 April 2025", possibly joined in 2024). Nothing that may have
        joined in the period is left out.
        """
        start, end = to_date(first), to_date(last)
        if start > end:
            raise ValueError(f"reversed period: {start} is after {end}")
        kind = self._type(type)
        group = self._groups[kind]
        certain = [s for s in group if s.joined.within((start, end))]
        possible = [s for s in group if s.joined.overlaps((start, end)) and s not in certain]
        query = _call("joined_between", start, end, type=kind)
        return Groups(
            (
                ("certain", self._results(certain, Signatory, query)),
                ("possible", self._results(possible, Signatory, query)),
            ),
            query=query,
        )

    def joined_in(
        self, year: int, *, type: SignatoryType | str | None = None
    ) -> Groups[str, Signatory]:
        """Signatories that joined in ``year``, certain apart from possible: `joined_between`."""
        window = DateWindow.year(year)
        assert window.earliest is not None
        return self.joined_between(window.earliest, window.latest, type=type)

    def timeline(self, *, type: SignatoryType | str | None = None) -> Results[TimelinePoint]:
        """Membership on each day it changed, oldest first: counts by type, ready to plot.

        Each `TimelinePoint` gives the running count of members of every type
        from that day on, the signatories it adds, and which of those have a
        joining date known only approximately. The rule is that of
        `members_as_of`, so ``timeline()[-1].total`` equals
        ``len(signatories())``. With ``type``, only signatories of that type
        are counted. Built once per type, then reused.
        """
        kind = self._type(type)
        group = self._groups[kind]
        return self._cached(
            ("timeline", kind),
            lambda: self._results(
                membership_timeline(group), TimelinePoint, _call("timeline", type=kind)
            ),
        )

    def get(self, key: str) -> Signatory:
        """The signatory with this id, name, alias or ISO code.

        Keys compare without case, spaces or Unicode variants. ISO 3166-1
        alpha-3 and alpha-2 codes find states only. Raises `TypeError` if
        ``key`` is not text and `LookupError`, naming the closest matches, if
        nothing matches.
        """
        if not isinstance(key, str):
            raise TypeError(f"expected a signatory id, name, alias or ISO code, got {key!r}")
        folded = lookup_key(key)
        found = self._by_key.get(folded)
        if found is not None:
            return found
        if len(folded) == 2:
            found = self._alpha2_index().get(folded)
            if found is not None:
                return found
        excluded = self._excluded(folded)
        if excluded is not None:
            reason = excluded.reason.split(". ")[0].rstrip(".")
            raise LookupError(
                f"{excluded.name} is recorded as not a member ({reason}); see exclusions()"
            )
        raise _miss("signatory", key, _names(self._ordered))

    def _excluded(self, folded: str) -> Exclusion | None:
        """The exclusion a folded key names (its id, name, or ISO alpha-3 or alpha-2 code)."""
        for exclusion in self.exclusions():
            keys = {exclusion.id, exclusion.name, exclusion.country_code or ""}
            if folded in {lookup_key(key) for key in keys if key}:
                return exclusion
        if len(folded) == 2 and folded.isalpha():
            import pycountry

            country = pycountry.countries.get(alpha_2=folded.upper())
            if country is not None:
                code = country.alpha_3
                return next((e for e in self.exclusions() if e.country_code == code), None)
        return None

    def _alpha2_index(self) -> dict[str, Signatory]:
        return self._cached("alpha2", self._build_alpha2)

    def _build_alpha2(self) -> dict[str, Signatory]:
        index: dict[str, Signatory] = {}
        for signatory in self._groups[SignatoryType.COUNTRY]:
            two = alpha2(signatory.country_code) if signatory.country_code else None
            if two:
                index[lookup_key(two)] = signatory
        return index

    # -- agreements and sources -----------------------------------------------------
    def agreements(
        self,
        *,
        signatory: Signatory | str | None = None,
        kind: AgreementKind | str | None = None,
    ) -> Results[Agreement]:
        """Every agreement in order of signing, optionally of one signatory or kind.

        ``signatory`` is a `Signatory` or any key `get` accepts.
        """
        found: Iterable[Agreement] = self._agreements
        who: Signatory | None = None
        if signatory is not None:
            who = signatory if isinstance(signatory, Signatory) else self.get(signatory)
            found = who.agreements
        wanted = None if kind is None else parse_enum(AgreementKind, kind, "agreement kind")
        if wanted is not None:
            found = (a for a in found if a.kind is wanted)
        if who is None and wanted is None:
            return self._agreements
        return self._results(found, Agreement, _call("agreements", signatory=who, kind=wanted))

    def sources(self) -> Results[Source]:
        """Every source cited anywhere in the data, by id."""
        return self._sources

    # -- missions, plans, phases ----------------------------------------------------
    def _missions(self) -> tuple[Results[Mission], dict[str, Mission]]:
        """The missions, and each mission by every folded key (id, name, aliases)."""
        return self._cached("missions", self._build_missions)

    def _build_missions(self) -> tuple[Results[Mission], dict[str, Mission]]:
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
        missions = self._results(
            (
                Mission.from_row(
                    row,
                    phase_ids=mission_phases.get(row["id"], ()),
                    launch_announcements=sorted(
                        announcements.get(row["id"], ()), key=lambda a: (a.announced, a.id)
                    ),
                    payloads=payloads.get(row["id"], ()),
                    sources=mission_sources.get(row["id"], ()),
                )
                for row in tables["missions"]
            ),
            Mission,
            "missions()",
        )
        return missions, _index(tables["missions"], missions)

    def _plans(self) -> tuple[Results[Plan], dict[str, Results[Phase]]]:
        """The plans, oldest first, and each plan's phases in order, by plan id."""
        return self._cached("plans", self._build_plans)

    def _build_plans(self) -> tuple[Results[Plan], dict[str, Results[Phase]]]:
        tables = self._tables
        plan_sources = self._cited("plan_sources", "plan_id")
        plans = self._results(
            sorted(
                (
                    Plan.from_row(row, sources=plan_sources.get(row["id"], ()))
                    for row in tables["plans"]
                ),
                key=lambda p: (p.published, p.id),
            ),
            Plan,
            "plans()",
        )
        phase_missions = _group(
            (row["phase_id"], row["mission_id"]) for row in tables["phase_missions"]
        )
        phases = _group(
            (row["plan_id"], Phase.from_row(row, mission_ids=phase_missions.get(row["id"], ())))
            for row in tables["phases"]
        )
        by_plan = {
            plan_id: self._results(
                sorted(group, key=lambda p: p.order), Phase, _call("phases", plan_id)
            )
            for plan_id, group in phases.items()
        }
        return plans, by_plan

    def missions(
        self,
        *,
        status: MissionStatus | str | None = None,
        phase: Phase | str | None = None,
        kind: MissionKind | str | None = None,
    ) -> Results[Mission]:
        """Missions, optionally filtered.

        ``status`` and ``kind`` take a member or its value (``"planned"``,
        ``"lander"``); ``phase`` takes a `Phase`, a phase id, or a phase's
        name or slug (``"Basic model"``, ``"basic-model"``), looked for in the
        current plan first, then in the one other plan that has it.
        """
        missions = self._missions()[0]
        if status is None and kind is None and phase is None:
            return missions
        found: Iterable[Mission] = missions
        wanted_status = (
            None if status is None else parse_enum(MissionStatus, status, "mission status")
        )
        wanted_kind = None if kind is None else parse_enum(MissionKind, kind, "mission kind")
        wanted_phase = None if phase is None else self._phase(phase)
        if wanted_status is not None:
            found = [m for m in found if m.status is wanted_status]
        if wanted_kind is not None:
            found = [m for m in found if wanted_kind in m.kinds]
        if wanted_phase is not None:
            found = [m for m in found if wanted_phase.id in m.phase_ids]
        query = _call("missions", status=wanted_status, phase=wanted_phase, kind=wanted_kind)
        return self._results(found, Mission, query)

    def mission(self, key: str) -> Mission:
        """The mission with this id, name or alias (compared as `get` compares keys).

        Raises `TypeError` if ``key`` is not text and `LookupError`, naming the
        closest matches, if nothing matches.
        """
        if not isinstance(key, str):
            raise TypeError(f"expected a mission id, name or alias, got {key!r}")
        by_key = self._missions()[1]
        found = by_key.get(lookup_key(key))
        if found is None:
            raise _miss("mission", key, _names(self.missions()))
        return found

    def plans(self) -> Results[Plan]:
        """Every published version of the roadmap, oldest first.

        `current_plan` is the newest one whose scope is the whole programme.
        """
        return self._plans()[0]

    @property
    def current_plan(self) -> Plan:
        """The most recently published plan version for the whole programme."""
        from .enums import PlanScope

        for plan in reversed(self.plans()):
            if plan.scope is PlanScope.PROGRAMME:
                return plan
        raise LookupError("this data package has no programme-wide plan version")

    def _plan(self, plan: Plan | str | None) -> Plan:
        if plan is None:
            return self.current_plan
        if isinstance(plan, Plan):
            return plan
        if not isinstance(plan, str):
            raise TypeError(f"expected a plan id or Plan, got {plan!r}")
        for candidate in self.plans():
            if lookup_key(candidate.id) == lookup_key(plan):
                return candidate
        raise _miss("plan", plan, _names(self.plans(), by_id=True))

    def phases(self, plan: Plan | str | None = None) -> Results[Phase]:
        """The phases of one plan version (the current one by default), in order."""
        chosen = self._plan(plan)
        found = self._plans()[1].get(chosen.id)
        return found if found is not None else self._results((), Phase, _call("phases", chosen))

    def _phase(self, phase: Phase | str) -> Phase:
        if isinstance(phase, Phase):
            return phase
        if not isinstance(phase, str):
            raise TypeError(f"expected a phase id, phase name or Phase, got {phase!r}")
        folded = lookup_key(phase)
        by_plan = self._plans()[1]
        for group in by_plan.values():
            for candidate in group:
                if lookup_key(candidate.id) == folded:
                    return candidate
        slug = _slug(phase)
        current = [p for p in self.phases() if _slug(p.name) == slug]
        if current:
            return current[0]
        found = [p for g in by_plan.values() for p in g if _slug(p.name) == slug]
        if len(found) == 1:
            return found[0]
        if found:
            ids = ", ".join(p.id for p in found)
            raise LookupError(f"phase {phase!r} is in several plans ({ids}); give a phase id")
        known = {lookup_key(p.id): p.id for g in by_plan.values() for p in g}
        known.update(_names(self.phases()))
        raise _miss("phase", phase, known)

    # -- the record of the record -------------------------------------------------
    def official_counts(self) -> Results[OfficialCount]:
        """Official statements of the number of partners, oldest first."""
        return self._cached("counts", self._build_counts)

    def _build_counts(self) -> Results[OfficialCount]:
        sources = self._source_by_id
        counts = (
            OfficialCount.from_row(row, source=sources[row["source_id"]])
            for row in self._tables["official_counts"]
        )
        return self._results(
            sorted(counts, key=lambda c: (c.stated, c.id)), OfficialCount, "official_counts()"
        )

    def compare_counts(self) -> Results[CountComparison]:
        """Each official count beside the members documented by its date, oldest first.

        See `CountComparison` for what is compared.
        """
        return self._cached(
            "compare",
            lambda: self._results(
                compare_counts(self.official_counts(), self.members_as_of),
                CountComparison,
                "compare_counts()",
            ),
        )

    def exclusions(self) -> Results[Exclusion]:
        """States reported as joining that are not counted as members, with the reason."""
        return self._cached("exclusions", self._build_exclusions)

    def _build_exclusions(self) -> Results[Exclusion]:
        cited = self._cited("exclusion_sources", "exclusion_id")
        return self._results(
            (
                Exclusion.from_row(row, sources=cited.get(row["id"], ()))
                for row in self._tables["exclusions"]
            ),
            Exclusion,
            "exclusions()",
        )

    def gaps(self) -> Results[Gap]:
        """Reported partners or facts too thinly sourced to make records of."""
        return self._cached("gaps", self._build_gaps)

    def secondary_only(self) -> Results[WeakRecord]:
        """Every record whose every source is secondary: the weakest evidence in the data.

        Secondary sources are aggregators, blogs, reprints, archives and
        digests (`SourceKind.SECONDARY`). A signatory counts its own sources
        and those of its agreements; each other record its own.
        """
        return self._cached("secondary", self._build_secondary_only)

    def _build_secondary_only(self) -> Results[WeakRecord]:
        from .enums import SourceKind

        cited: list[tuple[str, str, str, tuple[Source, ...]]] = []
        cited += [("signatories", s.id, s.name, s.all_sources) for s in self.signatories()]
        cited += [("agreements", a.id, a.title, a.sources) for a in self.agreements()]
        for mission in self.missions():
            cited.append(("missions", mission.id, mission.name, mission.sources))
            cited += [
                (
                    "launch_announcements",
                    note.id,
                    f"{mission.name}: {note.announced_by}",
                    (note.source,),
                )
                for note in mission.launch_announcements
            ]
            cited += [("payloads", p.id, p.name, (p.source,)) for p in mission.payloads]
        cited += [("plans", p.id, p.name, p.sources) for p in self.plans()]
        cited += [("official_counts", c.id, c.speaker, (c.source,)) for c in self.official_counts()]
        cited += [("exclusions", e.id, e.name, e.sources) for e in self.exclusions()]
        cited += [("gaps", g.id, g.description, g.sources) for g in self.gaps()]
        weak = (
            WeakRecord(table=table, id=key, label=label, sources=sources)
            for table, key, label, sources in cited
            if sources and all(source.kind is SourceKind.SECONDARY for source in sources)
        )
        return self._results(weak, WeakRecord, "secondary_only()")

    def _build_gaps(self) -> Results[Gap]:
        cited = self._cited("gap_sources", "gap_id")
        gaps = (Gap.from_row(row, sources=cited.get(row["id"], ())) for row in self._tables["gaps"])
        return self._results(sorted(gaps, key=lambda g: (g.date, g.id)), Gap, "gaps()")


def _slug(text: str) -> str:
    """A name as a slug compares: letters and digits only (``basic-model`` is "Basic model")."""
    return "".join(ch for ch in lookup_key(text) if ch.isalnum())


def _names(records: Iterable[Any], *, by_id: bool = False) -> dict[str, str]:
    """Each record's id, name and aliases, folded, to the name to show for it (or its id)."""
    found: dict[str, str] = {}
    for record in records:
        display = record.id if by_id else record.name
        for key in (record.id, display, *getattr(record, "aliases", ())):
            found.setdefault(lookup_key(key), display)
    return found


def _miss(what: str, key: str, names: Mapping[str, str]) -> LookupError:
    """A LookupError naming ``key`` and the display names of the closest records.

    ``names`` maps folded keys (never ISO codes: a name is not close to a code)
    to the name of the record each finds.
    """
    from difflib import get_close_matches

    close = get_close_matches(lookup_key(key), list(names), n=10, cutoff=0.6)
    shown = list(dict.fromkeys(names[c] for c in close))[:3]
    hint = f"; closest matches: {', '.join(repr(c) for c in shown)}" if shown else ""
    return LookupError(f"no {what} matches {key!r}{hint}")


def load(path: Any) -> Dataset:
    """Read, fully validate and index the data package in directory ``path``.

    The directory must be laid out like the bundled package (``ilrs/data``).
    Raises `ilrs.DataError` listing every defect (nothing is returned or
    cached), `TypeError` if ``path`` is not a path, `ValueError` if it is
    empty, or `FileNotFoundError` if it is not a directory.
    """
    dataset = Dataset(validate(path))
    dataset._build_all()
    return dataset
