"""The programme's records: missions, plans, phases and theirs, with their enums.

Missions come with their launch announcements and payloads, and plan versions
with their phases. These are apart from :mod:`ilrs.records` so that a query about signatories,
the most common first question, does not pay for building them (three enums
and five classes are about a millisecond of a cold start: docs/performance.md).
They are records like the others: frozen, slotted, keyword-only attrs classes
(see ``ilrs.dates._Frozen``) with tuples for collections, built by the loader
through their ``from_row`` named constructors. ``ilrs`` and ``ilrs.records``
still export every name here, imported on first use.
"""

from __future__ import annotations

import enum

from . import _dt
from .dates import DateWindow, _Frozen, _new, _set
from .records import Row, Source

__all__ = [
    "LaunchAnnouncement",
    "Mission",
    "MissionKind",
    "MissionStatus",
    "Payload",
    "Phase",
    "Plan",
    "PlanScope",
]


class MissionStatus(enum.Enum):
    """Where a mission stands, as of ``DATA_AS_OF``."""

    PROPOSED = "proposed"
    PLANNED = "planned"
    IN_DEVELOPMENT = "in_development"
    LAUNCHED = "launched"
    OPERATING = "operating"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    #: Folded into, or replaced by, another mission.
    SUPERSEDED = "superseded"


class PlanScope(enum.Enum):
    """What a plan version covers."""

    #: A plan for the whole ILRS programme.
    PROGRAMME = "programme"
    #: One partner's schedule for its own part (e.g. Russia's elements).
    SEGMENT = "segment"


class MissionKind(enum.Enum):
    """What a mission (or a piece of infrastructure) is."""

    ORBITER = "orbiter"
    LANDER = "lander"
    ROVER = "rover"
    HOPPER = "hopper"
    SAMPLE_RETURN = "sample_return"
    RELAY = "relay"
    INFRASTRUCTURE = "infrastructure"
    POWER = "power"
    LAUNCHER = "launcher"
    IMPACTOR = "impactor"
    CREWED = "crewed"
    FLYBY = "flyby"


class LaunchAnnouncement(_Frozen):
    """A launch date that someone announced for a mission, at some date."""

    __slots__ = ("announced", "announced_by", "source", "target")

    #: When the target was stated.
    announced: DateWindow
    #: The launch date that was announced.
    target: DateWindow
    announced_by: str
    source: Source

    def __init__(
        self,
        *,
        announced: DateWindow,
        target: DateWindow,
        announced_by: str,
        source: Source,
    ) -> None:
        _set(self, "announced", announced)
        _set(self, "target", target)
        _set(self, "announced_by", announced_by)
        _set(self, "source", source)

    @classmethod
    def from_row(cls, row: Row, *, source: Source) -> LaunchAnnouncement:
        """Build from a validated ``launch_announcements`` row."""
        self = _new(cls)
        _set(self, "announced", row["announced"])
        _set(self, "target", row["target"])
        _set(self, "announced_by", row["announced_by"])
        _set(self, "source", source)
        return self


class Payload(_Frozen):
    """An international payload carried by a mission."""

    __slots__ = ("contributor", "country_code", "id", "name", "notes", "source")

    id: str
    name: str
    contributor: str
    #: ISO 3166-1 alpha-3 code of the contributor's country, if any.
    country_code: str | None
    source: Source
    notes: str | None

    def __init__(
        self,
        *,
        id: str,
        name: str,
        contributor: str,
        country_code: str | None,
        source: Source,
        notes: str | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "contributor", contributor)
        _set(self, "country_code", country_code)
        _set(self, "source", source)
        _set(self, "notes", notes)

    @classmethod
    def from_row(cls, row: Row, *, source: Source) -> Payload:
        """Build from a validated ``payloads`` row."""
        self = _new(cls)
        _set(self, "id", row["id"])
        _set(self, "name", row["name"])
        _set(self, "contributor", row["contributor"])
        _set(self, "country_code", row.get("country_code"))
        _set(self, "source", source)
        _set(self, "notes", row.get("notes"))
        return self


class Mission(_Frozen):
    """A mission or a piece of infrastructure in the ILRS programme."""

    __slots__ = (
        "aliases",
        "id",
        "kinds",
        "launch_announcements",
        "launched",
        "lead_agency",
        "lead_country",
        "name",
        "notes",
        "payloads",
        "phase_ids",
        "sources",
        "status",
        "target",
    )

    id: str
    name: str
    aliases: tuple[str, ...]
    lead_agency: str
    #: ISO 3166-1 alpha-3 code of the lead country.
    lead_country: str | None
    kinds: tuple[MissionKind, ...]
    target: str | None
    status: MissionStatus
    #: The actual launch date (UTC), or ``None`` when it has not launched.
    launched: _dt.date | None
    #: The ids of the phases (across plan versions) that name this mission.
    phase_ids: tuple[str, ...]
    launch_announcements: tuple[LaunchAnnouncement, ...]
    payloads: tuple[Payload, ...]
    sources: tuple[Source, ...]
    notes: str | None

    def __init__(
        self,
        *,
        id: str,
        name: str,
        aliases: tuple[str, ...],
        lead_agency: str,
        lead_country: str | None,
        kinds: tuple[MissionKind, ...],
        target: str | None,
        status: MissionStatus,
        launched: _dt.date | None,
        phase_ids: tuple[str, ...],
        launch_announcements: tuple[LaunchAnnouncement, ...],
        payloads: tuple[Payload, ...],
        sources: tuple[Source, ...],
        notes: str | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "aliases", aliases)
        _set(self, "lead_agency", lead_agency)
        _set(self, "lead_country", lead_country)
        _set(self, "kinds", kinds)
        _set(self, "target", target)
        _set(self, "status", status)
        _set(self, "launched", launched)
        _set(self, "phase_ids", phase_ids)
        _set(self, "launch_announcements", launch_announcements)
        _set(self, "payloads", payloads)
        _set(self, "sources", sources)
        _set(self, "notes", notes)

    @classmethod
    def from_row(
        cls,
        row: Row,
        *,
        phase_ids: tuple[str, ...],
        launch_announcements: tuple[LaunchAnnouncement, ...],
        payloads: tuple[Payload, ...],
        sources: tuple[Source, ...],
    ) -> Mission:
        """Build from a validated ``missions`` row and its linked rows."""
        self = _new(cls)
        _set(self, "id", row["id"])
        _set(self, "name", row["name"])
        _set(self, "aliases", row["aliases"])
        _set(self, "lead_agency", row["lead_agency"])
        _set(self, "lead_country", row.get("lead_country"))
        _set(self, "kinds", tuple(MissionKind(kind) for kind in row["kinds"]))
        _set(self, "target", row.get("target"))
        _set(self, "status", MissionStatus(row["status"]))
        _set(self, "launched", row.get("launched"))
        _set(self, "phase_ids", phase_ids)
        _set(self, "launch_announcements", launch_announcements)
        _set(self, "payloads", payloads)
        _set(self, "sources", sources)
        _set(self, "notes", row.get("notes"))
        return self


class Plan(_Frozen):
    """One published version of the ILRS roadmap."""

    __slots__ = ("id", "name", "notes", "published", "published_by", "scope", "sources")

    id: str
    name: str
    published: DateWindow
    published_by: str
    scope: PlanScope
    sources: tuple[Source, ...]
    #: What changed against the previous version.
    notes: str | None

    def __init__(
        self,
        *,
        id: str,
        name: str,
        published: DateWindow,
        published_by: str,
        scope: PlanScope,
        sources: tuple[Source, ...],
        notes: str | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "published", published)
        _set(self, "published_by", published_by)
        _set(self, "scope", scope)
        _set(self, "sources", sources)
        _set(self, "notes", notes)

    @classmethod
    def from_row(cls, row: Row, *, sources: tuple[Source, ...]) -> Plan:
        """Build from a validated ``plans`` row and its sources."""
        self = _new(cls)
        _set(self, "id", row["id"])
        _set(self, "name", row["name"])
        _set(self, "published", row["published"])
        _set(self, "published_by", row["published_by"])
        _set(self, "scope", PlanScope(row["scope"]))
        _set(self, "sources", sources)
        _set(self, "notes", row.get("notes"))
        return self


class Phase(_Frozen):
    """A phase of one published plan version."""

    __slots__ = ("end_year", "goals", "id", "mission_ids", "name", "order", "plan", "start_year")

    id: str
    name: str
    #: 1 for the first phase of its plan, and so on.
    order: int
    #: ``None`` when the plan gives no start (e.g. "a basic model by 2035").
    start_year: int | None
    #: ``None`` when the phase is open-ended.
    end_year: int | None
    goals: tuple[str, ...]
    mission_ids: tuple[str, ...]
    #: The ``id`` of the :class:`Plan` this phase belongs to.
    plan: str

    def __init__(
        self,
        *,
        id: str,
        name: str,
        order: int,
        start_year: int | None,
        end_year: int | None,
        goals: tuple[str, ...],
        mission_ids: tuple[str, ...],
        plan: str,
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "order", order)
        _set(self, "start_year", start_year)
        _set(self, "end_year", end_year)
        _set(self, "goals", goals)
        _set(self, "mission_ids", mission_ids)
        _set(self, "plan", plan)

    @classmethod
    def from_row(cls, row: Row, *, mission_ids: tuple[str, ...]) -> Phase:
        """Build from a validated ``phases`` row and its missions."""
        self = _new(cls)
        _set(self, "id", row["id"])
        _set(self, "name", row["name"])
        _set(self, "order", row["order"])
        _set(self, "start_year", row.get("start_year"))
        _set(self, "end_year", row.get("end_year"))
        _set(self, "goals", row["goals"])
        _set(self, "mission_ids", mission_ids)
        _set(self, "plan", row["plan_id"])
        return self
