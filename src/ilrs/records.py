"""Every record class: what the data package's rows become, and what queries return.

Each record is ``@attrs.frozen(kw_only=True)``: frozen, slotted, keyword-only,
compared and hashed by value, and an attrs class for every attrs tool
(`attrs.fields`, `attrs.evolve`, `attrs.asdict`, cattrs). Collections are
tuples (a collection of records is a `Results`, which is a tuple that shows as
a table); enum fields accept their value text. Each record's ``from_row``
builds it from a typed row of its table (see `ilrs.schema`) and the records it
links to.

The fields marked `BRIEF` are the columns shown on screen.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .dates import DateWindow, Precision
from .enums import (
    AgreementKind,
    Bloc,
    Bound,
    Ceremony,
    CountKind,
    Evidence,
    MissionKind,
    MissionStatus,
    PlanScope,
    SignatoryType,
    SourceKind,
)
from .results import Results
from .tabular import BRIEF, card_html, card_text

if TYPE_CHECKING:  # pragma: no cover
    from pycountry.db import Country

__all__ = [
    "STATE_LIKE",
    "Agreement",
    "BlocMember",
    "CountComparison",
    "Exclusion",
    "Gap",
    "LaunchAnnouncement",
    "Mission",
    "OfficialCount",
    "Payload",
    "Phase",
    "Plan",
    "Record",
    "Signatory",
    "Source",
    "TimelinePoint",
    "WeakRecord",
]

Row = Mapping[str, Any]

#: Types that official statements count as "countries and international organizations".
STATE_LIKE = frozenset({SignatoryType.COUNTRY, SignatoryType.INTERGOVERNMENTAL_ORGANIZATION})


# -- how long fields show in a repr ---------------------------------------------


def _short(text: str | None) -> str:
    """Text in a repr, cut to 40 characters."""
    if text is None:
        return "None"
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _count(items: tuple[Any, ...]) -> str:
    """A collection in a repr: how many, and the first id (or item)."""
    if not items:
        return "()"
    first = str(getattr(items[0], "id", items[0]))
    first = first if len(first) <= 24 else first[:23] + "…"
    more = f", … {len(items)} in all" if len(items) > 1 else ""
    return f"<{first}{more}>"


def _window(window: DateWindow | None) -> str:
    """A date window in a repr, as the call that makes it: ``DateWindow.parse('2024-05')``."""
    return "None" if window is None else f"DateWindow.parse({window.edtf!r})"


def _texts(items: tuple[str, ...]) -> str:
    """A tuple of text in a repr, whole when short, else its first item and its length."""
    shown = repr(items)
    return shown if len(shown) <= 40 else _count(items)


def _member(value: Any) -> str:
    """An enum member in a repr: ``AgreementKind.JOINT_STATEMENT`` (None as it is)."""
    return "None" if value is None else f"{type(value).__name__}.{value.name}"


def _members(values: tuple[Any, ...]) -> str:
    return "(" + ", ".join(_member(v) for v in values) + ")"


def _record_id(record: Any) -> str:
    return f"<{type(record).__name__} {record.id}>"


class Record:
    """What every record shares: ``print`` shows it as a card, and a notebook as HTML."""

    __slots__ = ()

    def to_text(self, width: int | None = None) -> str:
        """The record as a card of text, ``width`` columns wide (the terminal's by default)."""
        if width is None:
            import shutil  # (only to print)

            width = shutil.get_terminal_size().columns
        return card_text(self, width=width)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        return card_html(self)


# -- converters (named functions, which type checkers follow) --------------------


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _mission_kinds(items: Iterable[MissionKind | str]) -> tuple[MissionKind, ...]:
    return tuple(MissionKind(item) for item in items)


def _ceremony(value: Ceremony | str | None) -> Ceremony | None:
    return None if value is None else Ceremony(value)


def _bound(value: Bound | str | None) -> Bound | None:
    return None if value is None else Bound(value)


def _sources(items: Iterable[Source]) -> Results[Source]:
    return Results.of_type(items, Source)


def _agreements(items: Iterable[Agreement]) -> Results[Agreement]:
    return Results.of_type(items, Agreement)


def _launch_announcements(items: Iterable[LaunchAnnouncement]) -> Results[LaunchAnnouncement]:
    return Results.of_type(items, LaunchAnnouncement)


def _payloads(items: Iterable[Payload]) -> Results[Payload]:
    return Results.of_type(items, Payload)


# -- sources, signatories, agreements -------------------------------------------


@attrs.frozen(kw_only=True)
class Source(Record):
    """A published page that a record rests on."""

    id: str = attrs.field(metadata=BRIEF)
    url: str
    publisher: str = attrs.field(metadata=BRIEF)
    #: When the page was published.
    published: DateWindow = attrs.field(metadata=BRIEF, repr=_window)
    #: The page's own title, in its own language.
    title: str = attrs.field(metadata=BRIEF, repr=_short)
    #: ISO 639-1 code of the page's language, when known.
    language: str | None = None
    #: Who stands behind the page: the agency itself, a wire, the press, or a
    #: secondary source (an aggregator, blog, reprint, archive or digest).
    kind: SourceKind = attrs.field(converter=SourceKind, metadata=BRIEF, repr=_member)

    @classmethod
    def from_row(cls, row: Row) -> Source:
        """Build from a typed ``sources`` row."""
        return cls(
            id=row["id"],
            url=row["url"],
            publisher=row["publisher"],
            published=row["published"],
            title=row["title"],
            language=row["language"],
            kind=row["kind"],
        )


@attrs.frozen(kw_only=True)
class Agreement(Record):
    """One instrument by which a signatory joined (or deepened its part in) the programme."""

    id: str = attrs.field(metadata=BRIEF)
    #: The ``id`` of the `Signatory` that signed it.
    signatory_id: str = attrs.field(metadata=BRIEF)
    kind: AgreementKind = attrs.field(converter=AgreementKind, metadata=BRIEF, repr=_member)
    title: str = attrs.field(repr=_short)
    #: The bodies that signed on the ILRS side (e.g. ``("CNSA",)``); empty when
    #: no source names them.
    ilrs_parties: tuple[str, ...] = attrs.field(converter=_strings, metadata=BRIEF, repr=_texts)
    #: The bodies that signed on the partner's side (e.g. ``("SUPARCO",)``).
    partner_parties: tuple[str, ...] = attrs.field(converter=_strings, metadata=BRIEF, repr=_texts)
    #: The people who signed, each as "Name (office)"; empty when no source names them.
    signers: tuple[str, ...] = attrs.field(default=(), converter=_strings, repr=_texts)
    #: When it was signed.
    signed: DateWindow = attrs.field(metadata=BRIEF, repr=_window)
    #: When it was first made public, where that differs from the signing.
    announced: DateWindow | None = attrs.field(default=None, repr=_window)
    place: str | None = attrs.field(default=None, repr=_short)
    event: str | None = attrs.field(default=None, repr=_short)
    #: In person or virtual; ``None`` when no source says.
    ceremony: Ceremony | None = attrs.field(default=None, converter=_ceremony, repr=_member)
    sources: tuple[Source, ...] = attrs.field(converter=_sources, repr=_count)
    #: Conflicting reports between sources, and how they were settled.
    notes: str | None = attrs.field(default=None, repr=_short)

    @classmethod
    def from_row(cls, row: Row, *, sources: Iterable[Source]) -> Agreement:
        """Build from a typed ``agreements`` row and its sources."""
        return cls(
            id=row["id"],
            signatory_id=row["signatory_id"],
            kind=row["kind"],
            title=row["title"],
            ilrs_parties=row["ilrs_parties"],
            partner_parties=row["partner_parties"],
            signers=row["signers"],
            signed=row["signed"],
            announced=row["announced"],
            place=row["place"],
            event=row["event"],
            ceremony=row["ceremony"],
            sources=sources,
            notes=row["notes"],
        )


@attrs.frozen(kw_only=True)
class Signatory(Record):
    """A state or a body that signed on (or is officially listed as a participant)."""

    #: Stable, lower-case, never reused.
    id: str = attrs.field(metadata=BRIEF)
    name: str = attrs.field(metadata=BRIEF)
    aliases: tuple[str, ...] = attrs.field(converter=_strings, repr=_count)
    type: SignatoryType = attrs.field(converter=SignatoryType, metadata=BRIEF, repr=_member)
    #: ISO 3166-1 alpha-3 code of the state, or of an organization's host
    #: country; ``None`` for international bodies.
    country_code: str | None = attrs.field(metadata=BRIEF)
    #: When its first instrument was signed (or, for a listed state, the
    #: open window ending on the date of the list).
    joined: DateWindow = attrs.field(metadata=BRIEF, repr=_window)
    evidence: Evidence = attrs.field(converter=Evidence, metadata=BRIEF, repr=_member)
    #: Its number in the programme's own count of signatories, where the
    #: programme numbers them (NASA numbers the Artemis Accords signatories).
    order: int | None = None
    agreements: tuple[Agreement, ...] = attrs.field(converter=_agreements, repr=_count)
    #: Sources on the signatory itself (beyond those of its agreements).
    sources: tuple[Source, ...] = attrs.field(converter=_sources, repr=_count)
    notes: str | None = attrs.field(default=None, repr=_short)

    @classmethod
    def from_row(
        cls, row: Row, *, agreements: Iterable[Agreement], sources: Iterable[Source]
    ) -> Signatory:
        """Build from a typed ``signatories`` row, its agreements and sources."""
        return cls(
            id=row["id"],
            name=row["name"],
            aliases=row["aliases"],
            type=row["type"],
            country_code=row["country_code"],
            joined=row["joined"],
            evidence=row["evidence"],
            order=row["order"],
            agreements=agreements,
            sources=sources,
            notes=row["notes"],
        )

    @property
    def country(self) -> Country | None:
        """A copy of the pycountry record of `country_code` (pycountry is imported here)."""
        if self.country_code is None:
            return None
        import pycountry

        found = pycountry.countries.get(alpha_3=self.country_code)
        if found is None:
            return None
        # pycountry's records are shared and can be changed: give the caller a copy
        return type(found)(**found._fields)

    @property
    def all_sources(self) -> Results[Source]:
        """Its own sources followed by those of its agreements, without repeats."""
        seen: dict[str, Source] = {source.id: source for source in self.sources}
        for agreement in self.agreements:
            for source in agreement.sources:
                seen.setdefault(source.id, source)
        return Results(seen.values(), of=Source)


@attrs.frozen(kw_only=True)
class OfficialCount(Record):
    """An official statement of how many partners the programme has (or aims at).

    Each number comes with how it is meant (`Bound`): exact, a lower bound
    ("more than 50") or approximate ("about 15").
    """

    id: str = attrs.field(metadata=BRIEF)
    stated: DateWindow = attrs.field(metadata=BRIEF, repr=_window)
    speaker: str = attrs.field(metadata=BRIEF, repr=_short)
    #: An achieved count, or a target.
    kind: CountKind = attrs.field(converter=CountKind, metadata=BRIEF, repr=_member)
    #: "N countries and international organizations", when given.
    countries_and_orgs: int | None = attrs.field(metadata=BRIEF)
    countries_and_orgs_bound: Bound | None = attrs.field(converter=_bound, repr=_member)
    #: "M institutions" (research institutes, universities, companies), when given.
    institutions: int | None = attrs.field(metadata=BRIEF)
    institutions_bound: Bound | None = attrs.field(converter=_bound, repr=_member)
    #: One total for every kind of partner, when only that is given.
    total: int | None = attrs.field(metadata=BRIEF)
    total_bound: Bound | None = attrs.field(converter=_bound, repr=_member)
    #: Whether the count includes the founders (China and Russia for the ILRS),
    #: where the wording says; ``None`` when it does not say.
    founders_included: bool | None = attrs.field(metadata=BRIEF)
    #: What exactly was counted, in the project's own words.
    wording: str = attrs.field(repr=_short)
    source: Source = attrs.field(repr=_record_id)

    @classmethod
    def from_row(cls, row: Row, *, source: Source) -> OfficialCount:
        """Build from a typed ``official_counts`` row and its source."""
        return cls(
            id=row["id"],
            stated=row["stated"],
            speaker=row["speaker"],
            kind=row["kind"],
            countries_and_orgs=row["countries_and_orgs"],
            countries_and_orgs_bound=row["countries_and_orgs_bound"],
            institutions=row["institutions"],
            institutions_bound=row["institutions_bound"],
            total=row["total"],
            total_bound=row["total_bound"],
            founders_included=row["founders_included"],
            wording=row["wording"],
            source=source,
        )


@attrs.frozen(kw_only=True)
class Exclusion(Record):
    """A state reported as joining that is not counted as a member, and why."""

    id: str = attrs.field(metadata=BRIEF)
    name: str = attrs.field(metadata=BRIEF)
    country_code: str | None = attrs.field(metadata=BRIEF)
    reason: str = attrs.field(metadata=BRIEF, repr=_short)
    sources: tuple[Source, ...] = attrs.field(converter=_sources, repr=_count)

    @classmethod
    def from_row(cls, row: Row, *, sources: Iterable[Source]) -> Exclusion:
        """Build from a typed ``exclusions`` row and its sources."""
        return cls(
            id=row["id"],
            name=row["name"],
            country_code=row["country_code"],
            reason=row["reason"],
            sources=sources,
        )


@attrs.frozen(kw_only=True)
class Gap(Record):
    """Something a source reports without the detail to make a record of it.

    For example, "seven further institutions signed" with no names given.
    """

    id: str = attrs.field(metadata=BRIEF)
    date: DateWindow = attrs.field(metadata=BRIEF, repr=_window)
    description: str = attrs.field(metadata=BRIEF, repr=_short)
    #: How many unnamed partners the gap stands for, when a source gives a number.
    count: int | None = attrs.field(metadata=BRIEF)
    sources: tuple[Source, ...] = attrs.field(converter=_sources, repr=_count)

    @classmethod
    def from_row(cls, row: Row, *, sources: Iterable[Source]) -> Gap:
        """Build from a typed ``gaps`` row and its sources."""
        return cls(
            id=row["id"],
            date=row["date"],
            description=row["description"],
            count=row["count"],
            sources=sources,
        )


# -- the programme: missions, plans, phases -------------------------------------


@attrs.frozen(kw_only=True)
class LaunchAnnouncement(Record):
    """A launch date that someone announced for a mission, at some date."""

    id: str
    #: The ``id`` of the `Mission` it is about.
    mission_id: str = attrs.field(metadata=BRIEF)
    #: When the target was stated.
    announced: DateWindow = attrs.field(metadata=BRIEF, repr=_window)
    #: The launch date (or window) that was announced.
    launch_window: DateWindow = attrs.field(metadata=BRIEF, repr=_window)
    announced_by: str = attrs.field(metadata=BRIEF, repr=_short)
    source: Source = attrs.field(repr=_record_id)

    @classmethod
    def from_row(cls, row: Row, *, source: Source) -> LaunchAnnouncement:
        """Build from a typed ``launch_announcements`` row and its source."""
        return cls(
            id=row["id"],
            mission_id=row["mission_id"],
            announced=row["announced"],
            launch_window=row["launch_window"],
            announced_by=row["announced_by"],
            source=source,
        )

    @property
    def target(self) -> DateWindow:
        """Deprecated name of `launch_window` (it clashed with `Mission.target`, a place)."""
        import warnings

        warnings.warn(
            "LaunchAnnouncement.target is deprecated; use launch_window",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.launch_window


@attrs.frozen(kw_only=True)
class Payload(Record):
    """An international payload carried by a mission."""

    id: str = attrs.field(metadata=BRIEF)
    #: The ``id`` of the `Mission` that carries it.
    mission_id: str
    name: str = attrs.field(metadata=BRIEF)
    contributor: str = attrs.field(metadata=BRIEF)
    #: ISO 3166-1 alpha-3 code of the contributor's country, if any.
    country_code: str | None = attrs.field(metadata=BRIEF)
    source: Source = attrs.field(repr=_record_id)
    notes: str | None = attrs.field(default=None, repr=_short)

    @classmethod
    def from_row(cls, row: Row, *, source: Source) -> Payload:
        """Build from a typed ``payloads`` row and its source."""
        return cls(
            id=row["id"],
            mission_id=row["mission_id"],
            name=row["name"],
            contributor=row["contributor"],
            country_code=row["country_code"],
            source=source,
            notes=row["notes"],
        )


@attrs.frozen(kw_only=True)
class Mission(Record):
    """A mission or a piece of infrastructure in the programme."""

    id: str = attrs.field(metadata=BRIEF)
    name: str = attrs.field(metadata=BRIEF)
    aliases: tuple[str, ...] = attrs.field(converter=_strings, repr=_count)
    lead_agency: str = attrs.field(metadata=BRIEF, repr=_short)
    #: ISO 3166-1 alpha-3 code of the lead country.
    lead_country: str | None
    kinds: tuple[MissionKind, ...] = attrs.field(
        converter=_mission_kinds, metadata=BRIEF, repr=_members
    )
    #: Where it goes (a landing site, an orbit).
    target: str | None = attrs.field(repr=_short)
    status: MissionStatus = attrs.field(converter=MissionStatus, metadata=BRIEF, repr=_member)
    #: The actual launch date (UTC), or ``None`` when it has not launched.
    launched: datetime.date | None = attrs.field(metadata=BRIEF)
    #: The ids of the phases (across plan versions) that name this mission.
    phase_ids: tuple[str, ...] = attrs.field(converter=_strings, repr=_count)
    launch_announcements: tuple[LaunchAnnouncement, ...] = attrs.field(
        converter=_launch_announcements, repr=_count
    )
    payloads: tuple[Payload, ...] = attrs.field(converter=_payloads, repr=_count)
    sources: tuple[Source, ...] = attrs.field(converter=_sources, repr=_count)
    notes: str | None = attrs.field(default=None, repr=_short)

    @classmethod
    def from_row(
        cls,
        row: Row,
        *,
        phase_ids: Iterable[str],
        launch_announcements: Iterable[LaunchAnnouncement],
        payloads: Iterable[Payload],
        sources: Iterable[Source],
    ) -> Mission:
        """Build from a typed ``missions`` row and its linked records."""
        return cls(
            id=row["id"],
            name=row["name"],
            aliases=row["aliases"],
            lead_agency=row["lead_agency"],
            lead_country=row["lead_country"],
            kinds=row["kinds"],
            target=row["target"],
            status=row["status"],
            launched=row["launched"],
            phase_ids=phase_ids,
            launch_announcements=launch_announcements,
            payloads=payloads,
            sources=sources,
            notes=row["notes"],
        )


@attrs.frozen(kw_only=True)
class Plan(Record):
    """One published version of the programme's roadmap."""

    id: str = attrs.field(metadata=BRIEF)
    name: str = attrs.field(metadata=BRIEF, repr=_short)
    published: DateWindow = attrs.field(metadata=BRIEF, repr=_window)
    published_by: str = attrs.field(metadata=BRIEF, repr=_short)
    scope: PlanScope = attrs.field(converter=PlanScope, metadata=BRIEF, repr=_member)
    sources: tuple[Source, ...] = attrs.field(converter=_sources, repr=_count)
    #: What changed against the previous version.
    notes: str | None = attrs.field(default=None, repr=_short)

    @classmethod
    def from_row(cls, row: Row, *, sources: Iterable[Source]) -> Plan:
        """Build from a typed ``plans`` row and its sources."""
        return cls(
            id=row["id"],
            name=row["name"],
            published=row["published"],
            published_by=row["published_by"],
            scope=row["scope"],
            sources=sources,
            notes=row["notes"],
        )


@attrs.frozen(kw_only=True)
class Phase(Record):
    """A phase of one published plan version."""

    id: str = attrs.field(metadata=BRIEF)
    name: str = attrs.field(metadata=BRIEF)
    #: 1 for the first phase of its plan, and so on.
    order: int = attrs.field(metadata=BRIEF)
    #: ``None`` when the plan gives no start (e.g. "a basic model by 2035").
    start_year: int | None = attrs.field(metadata=BRIEF)
    #: ``None`` when the phase is open-ended.
    end_year: int | None = attrs.field(metadata=BRIEF)
    goals: tuple[str, ...] = attrs.field(converter=_strings, repr=_count)
    mission_ids: tuple[str, ...] = attrs.field(converter=_strings, metadata=BRIEF)
    #: The ``id`` of the `Plan` this phase belongs to.
    plan: str

    @classmethod
    def from_row(cls, row: Row, *, mission_ids: Iterable[str]) -> Phase:
        """Build from a typed ``phases`` row and the ids of its missions."""
        return cls(
            id=row["id"],
            name=row["name"],
            order=row["order"],
            start_year=row["start_year"],
            end_year=row["end_year"],
            goals=row["goals"],
            mission_ids=mission_ids,
            plan=row["plan_id"],
        )


# -- what the analyses give -----------------------------------------------------


@attrs.frozen(kw_only=True)
class TimelinePoint(Record):
    """The membership on one day on which it changed.

    The day is the last day of the joining windows of the signatories it adds
    (the rule of `ilrs.Dataset.members_as_of`): from ``date`` on, they are
    certainly members. Each type has its running count.
    """

    #: The day membership changed.
    date: datetime.date = attrs.field(metadata=BRIEF)
    #: Members of every type from this day on.
    total: int = attrs.field(metadata=BRIEF)
    country: int = attrs.field(metadata=BRIEF)
    intergovernmental_organization: int = attrs.field(metadata=BRIEF)
    organization: int = attrs.field(metadata=BRIEF)
    institute: int = attrs.field(metadata=BRIEF)
    university: int = attrs.field(metadata=BRIEF)
    company: int = attrs.field(metadata=BRIEF)
    #: Ids of the signatories counted from this day, in the order of joining.
    added: tuple[str, ...] = attrs.field(converter=_strings, metadata=BRIEF, repr=_count)
    #: Those of ``added`` whose joining day is not known to the day (a month,
    #: a year, a range or an open-ended window ending on ``date``).
    approximate: tuple[str, ...] = attrs.field(converter=_strings, repr=_count)

    @classmethod
    def from_counts(
        cls,
        *,
        date: datetime.date,
        counts: Mapping[SignatoryType, int],
        added: Iterable[Signatory],
    ) -> TimelinePoint:
        """Build a point from running counts by type and the signatories it adds."""
        added = tuple(added)
        return cls(
            date=date,
            total=sum(counts.values()),
            **{kind.value: counts.get(kind, 0) for kind in SignatoryType},
            added=(s.id for s in added),
            approximate=(s.id for s in added if s.joined.precision is not Precision.DAY),
        )

    def count(self, type: SignatoryType | str) -> int:
        """Members of one type on this day (a `SignatoryType` or its value)."""
        from .enums import parse_enum

        count: int = getattr(self, parse_enum(SignatoryType, type, "signatory type").value)
        return count

    @property
    def counts(self) -> tuple[tuple[SignatoryType, int], ...]:
        """Each type with its count on this day."""
        return tuple((kind, self.count(kind)) for kind in SignatoryType)


def _stated(number: int, bound: Bound | None) -> str:
    """A stated number as said: "17", "more than 50", "about 15"."""
    if bound is Bound.LOWER_BOUND:
        return f"more than {number}"
    if bound is Bound.APPROXIMATE:
        return f"about {number}"
    return str(number)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


@attrs.frozen(kw_only=True)
class CountComparison(Record):
    """An official count of partners beside the members documented by its date.

    Documented members are those of `ilrs.Dataset.members_as_of` on the last
    day of the statement's date window. Statements count "countries and
    international organizations" (here: countries and intergovernmental
    organizations) apart from "institutions" (every other type), or give one
    total. Like is compared with like: when the statement leaves the founders
    out (Roscosmos's "13 countries" besides China and Russia), so do the
    documented counts; a target is not compared at all; and ``note`` says how
    each number is meant ("more than 50" is a lower bound).
    """

    #: The official count's id.
    id: str = attrs.field(metadata=BRIEF)
    stated: DateWindow = attrs.field(metadata=BRIEF, repr=_window)
    kind: CountKind = attrs.field(converter=CountKind, metadata=BRIEF, repr=_member)
    #: What the statement claims, as said ("17 countries and organizations; more than 50 ...").
    claim: str = attrs.field(metadata=BRIEF, repr=_short)
    #: The day the documented members are counted on (the statement's last possible day).
    on: datetime.date
    claimed_countries_and_orgs: int | None
    claimed_institutions: int | None
    claimed_total: int | None
    #: Whether the documented counts include the founders (as the statement does, or
    #: does not; included when it does not say).
    founders_included: bool
    #: Documented countries and intergovernmental organizations on ``on``.
    documented_countries_and_orgs: int
    #: Documented members of every other type on ``on``.
    documented_institutions: int
    documented_total: int
    #: False for a target: there is nothing to compare it with.
    comparable: bool
    #: How the numbers compare, and what each side includes.
    note: str = attrs.field(metadata=BRIEF, repr=_short)
    #: The official statement.
    count: OfficialCount = attrs.field(repr=_record_id)

    @classmethod
    def from_members(cls, count: OfficialCount, members: Iterable[Signatory]) -> CountComparison:
        """Compare ``count`` with ``members``, the members on its last possible day."""
        members = tuple(members)
        founders = [s for s in members if s.evidence is Evidence.FOUNDER]
        leave_out = count.founders_included is False
        counted = [s for s in members if not (leave_out and s.evidence is Evidence.FOUNDER)]
        state_like = sum(1 for s in counted if s.type in STATE_LIKE)
        institutions = len(counted) - state_like
        documented = {
            "countries and organizations": (
                count.countries_and_orgs,
                count.countries_and_orgs_bound,
                state_like,
            ),
            "institutions": (count.institutions, count.institutions_bound, institutions),
            "partners in all": (count.total, count.total_bound, len(counted)),
        }
        claims = [
            f"{_stated(number, bound)} {what}"
            for what, (number, bound, _) in documented.items()
            if number is not None
        ]
        comparable = count.kind is CountKind.ACHIEVED
        if not comparable:
            note = "a target, not a count of partners: not compared"
        else:
            parts = [
                f"{_stated(number, bound)} {what} claimed, {found} documented"
                for what, (number, bound, found) in documented.items()
                if number is not None
            ]
            names = _and([s.name for s in founders]) if founders else "the founders"
            if count.founders_included is None:
                scope = f"the statement does not say whether {names} are counted; they are here"
            elif leave_out:
                scope = f"{names} left out, as in the statement"
            else:
                scope = f"{names} included, as in the statement"
            note = f"{'; '.join(parts)} ({scope})"
        return cls(
            id=count.id,
            stated=count.stated,
            kind=count.kind,
            claim="; ".join(claims),
            on=count.stated.latest,
            claimed_countries_and_orgs=count.countries_and_orgs,
            claimed_institutions=count.institutions,
            claimed_total=count.total,
            founders_included=not leave_out,
            documented_countries_and_orgs=state_like,
            documented_institutions=institutions,
            documented_total=len(counted),
            comparable=comparable,
            note=note,
            count=count,
        )


@attrs.frozen(kw_only=True)
class BlocMember(Record):
    """A state in the ILRS, the Artemis Accords or both on one day.

    On request, also an organization in the ILRS whose host state signed the Accords.
    """

    #: The state's ISO 3166-1 alpha-3 code; for an organization, its ILRS id.
    id: str = attrs.field(metadata=BRIEF)
    name: str = attrs.field(metadata=BRIEF)
    type: SignatoryType = attrs.field(converter=SignatoryType, repr=_member)
    country_code: str | None
    bloc: Bloc = attrs.field(converter=Bloc, metadata=BRIEF, repr=_member)
    #: When it joined the ILRS (``None`` if it had not by the day asked about).
    ilrs_joined: DateWindow | None = attrs.field(metadata=BRIEF, repr=_window)
    #: When it signed the Accords; for an organization, when its host state did.
    accords_joined: DateWindow | None = attrs.field(metadata=BRIEF, repr=_window)
    #: NASA's number of the state (or of the host state) among Accords signatories.
    accords_order: int | None = None


@attrs.frozen(kw_only=True)
class WeakRecord(Record):
    """A record whose every source is secondary (an aggregator, blog, reprint or digest).

    These are the facts with the weakest evidence in the data: each is worth
    checking against an agency's own release or a wire before relying on it.
    """

    #: The table the record is in (``signatories``, ``missions``...).
    table: str = attrs.field(metadata=BRIEF)
    id: str = attrs.field(metadata=BRIEF)
    #: The record's name, or what it is about.
    label: str = attrs.field(metadata=BRIEF, repr=_short)
    sources: tuple[Source, ...] = attrs.field(converter=_sources, repr=_count, metadata=BRIEF)
