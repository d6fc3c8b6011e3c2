"""The record classes and their enums: signatories, agreements, sources, counts, gaps.

The programme's records (missions, plans, phases and theirs) are in
:mod:`ilrs.programme`; this module still gives them, imported on first use.

Every record is an attrs class that is frozen, slotted and keyword-only (see
``ilrs.dates._Frozen``, which writes out what ``@attrs.frozen`` would generate),
and every collection inside one is a tuple, so a record can be shared, hashed
and cached without anyone changing it. Records are built by the loader through
their ``from_row`` named constructors from validated rows of the data package;
these store the fields directly, as ``__init__`` does, without the cost of a
call with keyword arguments (a few hundred nanoseconds a record, which adds up
in a cold start).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from .dates import DateWindow, _Frozen, _new, _set

if TYPE_CHECKING:  # pragma: no cover
    from pycountry.db import Country

__all__ = [
    "Agreement",
    "AgreementKind",
    "Evidence",
    "Exclusion",
    "Gap",
    "OfficialCount",
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


class Source(_Frozen):
    """A published page that a record rests on."""

    __slots__ = ("id", "language", "published", "publisher", "title", "url")

    id: str
    url: str
    publisher: str
    #: When the page was published.
    published: DateWindow
    title: str
    #: ISO 639-1 code of the page's language, when known.
    language: str | None

    def __init__(
        self,
        *,
        id: str,
        url: str,
        publisher: str,
        published: DateWindow,
        title: str,
        language: str | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "url", url)
        _set(self, "publisher", publisher)
        _set(self, "published", published)
        _set(self, "title", title)
        _set(self, "language", language)

    @classmethod
    def from_row(cls, row: Row) -> Source:
        """Build from a validated ``sources`` row."""
        self = _new(cls)
        _set(self, "id", row["id"])
        _set(self, "url", row["url"])
        _set(self, "publisher", row["publisher"])
        _set(self, "published", row["published"])
        _set(self, "title", row["title"])
        _set(self, "language", row.get("language"))
        return self


class Agreement(_Frozen):
    """One ILRS instrument signed by a signatory."""

    __slots__ = (
        "announced",
        "event",
        "id",
        "ilrs_parties",
        "kind",
        "notes",
        "partner_parties",
        "place",
        "signatory_id",
        "signed",
        "sources",
        "title",
    )

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
    notes: str | None

    def __init__(
        self,
        *,
        id: str,
        signatory_id: str,
        kind: AgreementKind,
        title: str,
        ilrs_parties: tuple[str, ...],
        partner_parties: tuple[str, ...],
        signed: DateWindow,
        announced: DateWindow | None,
        place: str | None,
        event: str | None,
        sources: tuple[Source, ...],
        notes: str | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "signatory_id", signatory_id)
        _set(self, "kind", kind)
        _set(self, "title", title)
        _set(self, "ilrs_parties", ilrs_parties)
        _set(self, "partner_parties", partner_parties)
        _set(self, "signed", signed)
        _set(self, "announced", announced)
        _set(self, "place", place)
        _set(self, "event", event)
        _set(self, "sources", sources)
        _set(self, "notes", notes)

    @classmethod
    def from_row(cls, row: Row, *, sources: tuple[Source, ...]) -> Agreement:
        """Build from a validated ``agreements`` row and its sources."""
        self = _new(cls)
        _set(self, "id", row["id"])
        _set(self, "signatory_id", row["signatory_id"])
        _set(self, "kind", AgreementKind(row["kind"]))
        _set(self, "title", row["title"])
        _set(self, "ilrs_parties", row["ilrs_parties"])
        _set(self, "partner_parties", row["partner_parties"])
        _set(self, "signed", row["signed"])
        _set(self, "announced", row.get("announced"))
        _set(self, "place", row.get("place"))
        _set(self, "event", row.get("event"))
        _set(self, "sources", sources)
        _set(self, "notes", row.get("notes"))
        return self


class Signatory(_Frozen):
    """A state or a body that signed on to the ILRS (or is officially listed)."""

    __slots__ = (
        "agreements",
        "aliases",
        "country_code",
        "evidence",
        "id",
        "joined",
        "name",
        "notes",
        "sources",
        "type",
    )

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
    notes: str | None

    def __init__(
        self,
        *,
        id: str,
        name: str,
        aliases: tuple[str, ...],
        type: SignatoryType,
        country_code: str | None,
        joined: DateWindow,
        evidence: Evidence,
        agreements: tuple[Agreement, ...],
        sources: tuple[Source, ...],
        notes: str | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "aliases", aliases)
        _set(self, "type", type)
        _set(self, "country_code", country_code)
        _set(self, "joined", joined)
        _set(self, "evidence", evidence)
        _set(self, "agreements", agreements)
        _set(self, "sources", sources)
        _set(self, "notes", notes)

    @classmethod
    def from_row(
        cls, row: Row, *, agreements: tuple[Agreement, ...], sources: tuple[Source, ...]
    ) -> Signatory:
        """Build from a validated ``signatories`` row, its agreements and sources."""
        self = _new(cls)
        _set(self, "id", row["id"])
        _set(self, "name", row["name"])
        _set(self, "aliases", row["aliases"])
        _set(self, "type", SignatoryType(row["type"]))
        _set(self, "country_code", row.get("country_code"))
        _set(self, "joined", row["joined"])
        _set(self, "evidence", Evidence(row["evidence"]))
        _set(self, "agreements", agreements)
        _set(self, "sources", sources)
        _set(self, "notes", row.get("notes"))
        return self

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


class OfficialCount(_Frozen):
    """An official statement of how many partners the ILRS has."""

    __slots__ = (
        "countries_and_orgs",
        "id",
        "institutions",
        "source",
        "speaker",
        "stated",
        "total",
        "wording",
    )

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

    def __init__(
        self,
        *,
        id: str,
        stated: DateWindow,
        speaker: str,
        countries_and_orgs: int | None,
        institutions: int | None,
        total: int | None,
        wording: str,
        source: Source,
    ) -> None:
        _set(self, "id", id)
        _set(self, "stated", stated)
        _set(self, "speaker", speaker)
        _set(self, "countries_and_orgs", countries_and_orgs)
        _set(self, "institutions", institutions)
        _set(self, "total", total)
        _set(self, "wording", wording)
        _set(self, "source", source)

    @classmethod
    def from_row(cls, row: Row, *, source: Source) -> OfficialCount:
        """Build from a validated ``official_counts`` row."""
        self = _new(cls)
        _set(self, "id", row["id"])
        _set(self, "stated", row["stated"])
        _set(self, "speaker", row["speaker"])
        _set(self, "countries_and_orgs", row.get("countries_and_orgs"))
        _set(self, "institutions", row.get("institutions"))
        _set(self, "total", row.get("total"))
        _set(self, "wording", row["wording"])
        _set(self, "source", source)
        return self


class Exclusion(_Frozen):
    """A state reported as joining that is not counted as a member, and why."""

    __slots__ = ("country_code", "id", "name", "reason", "sources")

    id: str
    name: str
    country_code: str | None
    reason: str
    sources: tuple[Source, ...]

    def __init__(
        self,
        *,
        id: str,
        name: str,
        country_code: str | None,
        reason: str,
        sources: tuple[Source, ...],
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "country_code", country_code)
        _set(self, "reason", reason)
        _set(self, "sources", sources)

    @classmethod
    def from_row(cls, row: Row, *, sources: tuple[Source, ...]) -> Exclusion:
        """Build from a validated ``exclusions`` row and its sources."""
        self = _new(cls)
        _set(self, "id", row["id"])
        _set(self, "name", row["name"])
        _set(self, "country_code", row.get("country_code"))
        _set(self, "reason", row["reason"])
        _set(self, "sources", sources)
        return self


class Gap(_Frozen):
    """Something a source reports without the detail to make a record of it.

    For example, "seven further institutions signed" with no names given.
    """

    __slots__ = ("count", "date", "description", "id", "sources")

    id: str
    date: DateWindow
    description: str
    #: How many unnamed partners the gap stands for, when a source gives a number.
    count: int | None
    sources: tuple[Source, ...]

    def __init__(
        self,
        *,
        id: str,
        date: DateWindow,
        description: str,
        count: int | None,
        sources: tuple[Source, ...],
    ) -> None:
        _set(self, "id", id)
        _set(self, "date", date)
        _set(self, "description", description)
        _set(self, "count", count)
        _set(self, "sources", sources)

    @classmethod
    def from_row(cls, row: Row, *, sources: tuple[Source, ...]) -> Gap:
        """Build from a validated ``gaps`` row and its sources."""
        self = _new(cls)
        _set(self, "id", row["id"])
        _set(self, "date", row["date"])
        _set(self, "description", row["description"])
        _set(self, "count", row.get("count"))
        _set(self, "sources", sources)
        return self


_PROGRAMME = frozenset(
    (
        "LaunchAnnouncement",
        "Mission",
        "MissionKind",
        "MissionStatus",
        "Payload",
        "Phase",
        "Plan",
        "PlanScope",
    )
)


def _from_programme(name: str, module: str) -> Any:
    """``name`` from :mod:`ilrs.programme` (imported on first use), for ``module``'s lookups."""
    if name not in _PROGRAMME:
        raise AttributeError(f"module {module!r} has no attribute {name!r}")
    from . import programme

    return getattr(programme, name)


def __getattr__(name: str) -> Any:
    """The programme's records and enums, from :mod:`ilrs.programme` (imported on first use)."""
    return _from_programme(name, __name__)
