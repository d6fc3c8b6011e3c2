"""The record classes and their enums.

Every record is an attrs class that is frozen, slotted and keyword-only, and
every collection inside one is a tuple, so a record can be shared, hashed and
cached without anyone changing it. Records are built by the loader through
their ``from_row`` named constructors from validated rows of the data package.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from .dates import DateWindow

if TYPE_CHECKING:  # pragma: no cover
    from pycountry.db import Country

__all__ = [
    "Agreement",
    "AgreementKind",
    "Evidence",
    "Exclusion",
    "Gap",
    "LaunchAnnouncement",
    "Mission",
    "MissionKind",
    "MissionStatus",
    "OfficialCount",
    "Payload",
    "Phase",
    "Plan",
    "PlanScope",
    "Signatory",
    "SignatoryType",
    "Source",
    "parse_enum",
]

Row = Mapping[str, Any]
E = TypeVar("E", bound=enum.Enum)


class SignatoryType(enum.Enum):
    """What kind of body a signatory is."""

    COUNTRY = "country"
    INTERGOVERNMENTAL_ORGANIZATION = "intergovernmental_organization"
    ORGANIZATION = "organization"
    INSTITUTE = "institute"
    UNIVERSITY = "university"
    COMPANY = "company"


class Evidence(enum.Enum):
    """How well a signatory's joining is documented, strongest first."""

    #: Initiated the ILRS (China, Russia).
    FOUNDER = "founder"
    #: A signing is documented, with its date.
    SIGNED = "signed"
    #: Officials or the press report the joining, but no signing date was found.
    REPORTED = "reported"
    #: Only named in an official list of participants; no signing record found.
    LISTED = "listed"


class AgreementKind(enum.Enum):
    """The kind of instrument signed."""

    MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding"
    JOINT_STATEMENT = "joint_statement"
    COOPERATION_AGREEMENT = "cooperation_agreement"
    INTERGOVERNMENTAL_AGREEMENT = "intergovernmental_agreement"
    LETTER_OF_INTENT = "letter_of_intent"
    FRAMEWORK_AGREEMENT = "framework_agreement"
    DECLARATION = "declaration"
    #: The sources say an instrument was signed but not which kind.
    UNSPECIFIED = "unspecified"


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


def parse_enum(enum_type: type[E], value: E | str, what: str | None = None) -> E:
    """Return the member of ``enum_type`` that ``value`` names.

    Accepts a member, its value (``"country"``) or its name (``"COUNTRY"``),
    case-insensitively. Raises :class:`ValueError` listing the valid values.
    """
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        folded = value.strip().lower()
        for member in enum_type:
            if folded in (str(member.value), member.name.lower()):
                return member
    valid = ", ".join(str(member.value) for member in enum_type)
    label = what or enum_type.__name__
    raise ValueError(f"unknown {label} {value!r}; expected one of: {valid}")


def _opt(row: Row, key: str) -> Any:
    return row.get(key)


@attrs.frozen(kw_only=True)
class Source:
    """A published page that a record rests on."""

    id: str
    url: str
    publisher: str
    #: When the page was published.
    published: DateWindow
    title: str
    #: ISO 639-1 code of the page's language, when known.
    language: str | None = None

    @classmethod
    def from_row(cls, row: Row) -> Source:
        """Build from a validated ``sources`` row."""
        return cls(
            id=row["id"],
            url=row["url"],
            publisher=row["publisher"],
            published=row["published"],
            title=row["title"],
            language=_opt(row, "language"),
        )


@attrs.frozen(kw_only=True)
class Agreement:
    """One ILRS instrument signed by a signatory."""

    id: str
    #: The ``id`` of the :class:`Signatory` that joined through this instrument.
    signatory_id: str
    kind: AgreementKind
    title: str
    #: The bodies that signed on the ILRS side (e.g. ``("CNSA",)``); empty when
    #: no source names them.
    ilrs_parties: tuple[str, ...]
    #: The bodies that signed on the partner's side (e.g. ``("SUPARCO",)``).
    partner_parties: tuple[str, ...]
    #: When it was signed.
    signed: DateWindow
    #: When it was first made public, where that differs from the signing.
    announced: DateWindow | None
    place: str | None
    event: str | None
    sources: tuple[Source, ...]
    #: Conflicting reports between sources, and how they were settled.
    notes: str | None = None

    @classmethod
    def from_row(cls, row: Row, *, sources: tuple[Source, ...]) -> Agreement:
        """Build from a validated ``agreements`` row and its sources."""
        return cls(
            id=row["id"],
            signatory_id=row["signatory_id"],
            kind=AgreementKind(row["kind"]),
            title=row["title"],
            ilrs_parties=row["ilrs_parties"],
            partner_parties=row["partner_parties"],
            signed=row["signed"],
            announced=_opt(row, "announced"),
            place=_opt(row, "place"),
            event=_opt(row, "event"),
            sources=sources,
            notes=_opt(row, "notes"),
        )


@attrs.frozen(kw_only=True)
class Signatory:
    """A state or a body that signed on to the ILRS (or is officially listed)."""

    #: Stable, lower-case, never reused.
    id: str
    name: str
    aliases: tuple[str, ...]
    type: SignatoryType
    #: ISO 3166-1 alpha-3 code of the state, or of an organization's host
    #: country; ``None`` for international bodies.
    country_code: str | None
    #: When its first ILRS instrument was signed (or, for a listed state, the
    #: open window ending on the date of the list).
    joined: DateWindow
    evidence: Evidence
    agreements: tuple[Agreement, ...]
    #: Sources on the signatory itself (beyond those of its agreements).
    sources: tuple[Source, ...]
    notes: str | None = None

    @classmethod
    def from_row(
        cls, row: Row, *, agreements: tuple[Agreement, ...], sources: tuple[Source, ...]
    ) -> Signatory:
        """Build from a validated ``signatories`` row, its agreements and sources."""
        return cls(
            id=row["id"],
            name=row["name"],
            aliases=row["aliases"],
            type=SignatoryType(row["type"]),
            country_code=_opt(row, "country_code"),
            joined=row["joined"],
            evidence=Evidence(row["evidence"]),
            agreements=agreements,
            sources=sources,
            notes=_opt(row, "notes"),
        )

    @property
    def country(self) -> Country | None:
        """The pycountry record of :attr:`country_code` (pycountry is imported here)."""
        if self.country_code is None:
            return None
        import pycountry

        return pycountry.countries.get(alpha_3=self.country_code)

    @property
    def all_sources(self) -> tuple[Source, ...]:
        """Its own sources followed by those of its agreements, without repeats."""
        seen: dict[str, Source] = {source.id: source for source in self.sources}
        for agreement in self.agreements:
            for source in agreement.sources:
                seen.setdefault(source.id, source)
        return tuple(seen.values())


@attrs.frozen(kw_only=True)
class LaunchAnnouncement:
    """A launch date that someone announced for a mission, at some date."""

    #: When the target was stated.
    announced: DateWindow
    #: The launch date that was announced.
    target: DateWindow
    announced_by: str
    source: Source

    @classmethod
    def from_row(cls, row: Row, *, source: Source) -> LaunchAnnouncement:
        """Build from a validated ``launch_announcements`` row."""
        return cls(
            announced=row["announced"],
            target=row["target"],
            announced_by=row["announced_by"],
            source=source,
        )


@attrs.frozen(kw_only=True)
class Payload:
    """An international payload carried by a mission."""

    id: str
    name: str
    contributor: str
    #: ISO 3166-1 alpha-3 code of the contributor's country, if any.
    country_code: str | None
    source: Source
    notes: str | None = None

    @classmethod
    def from_row(cls, row: Row, *, source: Source) -> Payload:
        """Build from a validated ``payloads`` row."""
        return cls(
            id=row["id"],
            name=row["name"],
            contributor=row["contributor"],
            country_code=_opt(row, "country_code"),
            source=source,
            notes=_opt(row, "notes"),
        )


@attrs.frozen(kw_only=True)
class Mission:
    """A mission or a piece of infrastructure in the ILRS programme."""

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
    notes: str | None = None

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
        return cls(
            id=row["id"],
            name=row["name"],
            aliases=row["aliases"],
            lead_agency=row["lead_agency"],
            lead_country=_opt(row, "lead_country"),
            kinds=tuple(MissionKind(kind) for kind in row["kinds"]),
            target=_opt(row, "target"),
            status=MissionStatus(row["status"]),
            launched=_opt(row, "launched"),
            phase_ids=phase_ids,
            launch_announcements=launch_announcements,
            payloads=payloads,
            sources=sources,
            notes=_opt(row, "notes"),
        )


@attrs.frozen(kw_only=True)
class Plan:
    """One published version of the ILRS roadmap."""

    id: str
    name: str
    published: DateWindow
    published_by: str
    scope: PlanScope
    sources: tuple[Source, ...]
    #: What changed against the previous version.
    notes: str | None = None

    @classmethod
    def from_row(cls, row: Row, *, sources: tuple[Source, ...]) -> Plan:
        """Build from a validated ``plans`` row and its sources."""
        return cls(
            id=row["id"],
            name=row["name"],
            published=row["published"],
            published_by=row["published_by"],
            scope=PlanScope(row["scope"]),
            sources=sources,
            notes=_opt(row, "notes"),
        )


@attrs.frozen(kw_only=True)
class Phase:
    """A phase of one published plan version."""

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

    @classmethod
    def from_row(cls, row: Row, *, mission_ids: tuple[str, ...]) -> Phase:
        """Build from a validated ``phases`` row and its missions."""
        return cls(
            id=row["id"],
            name=row["name"],
            order=row["order"],
            start_year=_opt(row, "start_year"),
            end_year=_opt(row, "end_year"),
            goals=row["goals"],
            mission_ids=mission_ids,
            plan=row["plan_id"],
        )


@attrs.frozen(kw_only=True)
class OfficialCount:
    """An official statement of how many partners the ILRS has."""

    id: str
    stated: DateWindow
    speaker: str
    #: "N countries and international organizations", when given.
    countries_and_orgs: int | None
    #: "M institutions" (research institutes, universities, companies), when given.
    institutions: int | None
    #: One total for every kind of partner, when only that is given.
    total: int | None
    #: What exactly was counted, in the project's own words.
    wording: str
    source: Source

    @classmethod
    def from_row(cls, row: Row, *, source: Source) -> OfficialCount:
        """Build from a validated ``official_counts`` row."""
        return cls(
            id=row["id"],
            stated=row["stated"],
            speaker=row["speaker"],
            countries_and_orgs=_opt(row, "countries_and_orgs"),
            institutions=_opt(row, "institutions"),
            total=_opt(row, "total"),
            wording=row["wording"],
            source=source,
        )


@attrs.frozen(kw_only=True)
class Exclusion:
    """A state reported as joining that is not counted as a member, and why."""

    id: str
    name: str
    country_code: str | None
    reason: str
    sources: tuple[Source, ...]

    @classmethod
    def from_row(cls, row: Row, *, sources: tuple[Source, ...]) -> Exclusion:
        """Build from a validated ``exclusions`` row and its sources."""
        return cls(
            id=row["id"],
            name=row["name"],
            country_code=_opt(row, "country_code"),
            reason=row["reason"],
            sources=sources,
        )


@attrs.frozen(kw_only=True)
class Gap:
    """Something a source reports without the detail to make a record of it.

    For example, "seven further institutions signed" with no names given.
    """

    id: str
    date: DateWindow
    description: str
    #: How many unnamed partners the gap stands for, when a source gives a number.
    count: int | None
    sources: tuple[Source, ...]

    @classmethod
    def from_row(cls, row: Row, *, sources: tuple[Source, ...]) -> Gap:
        """Build from a validated ``gaps`` row and its sources."""
        return cls(
            id=row["id"],
            date=row["date"],
            description=row["description"],
            count=_opt(row, "count"),
            sources=sources,
        )
