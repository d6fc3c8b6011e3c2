"""ilrs: a curated, sourced dataset about China's International Lunar Research Station.

The functions here query the bundled dataset, which is read on first use
(once, thread-safe) and cached:

    >>> import ilrs
    >>> ilrs.get("Pakistan").joined
    DateWindow(earliest=2023-10-18, latest=2023-10-18, precision=day)

`load` reads another data package laid out like the bundled one into a
`Dataset` with the same methods.
"""

from __future__ import annotations

from . import artemis
from ._version import __version__
from .artemis import blocs
from .bundle import DATA_AS_OF, DATA_VERSION, bundled
from .dataset import Dataset, load
from .dates import DateLike, DateWindow, Precision
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
from .errors import DataError, Problem
from .records import (
    Agreement,
    BlocMember,
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
from .results import Groups, Results

__all__ = [
    "DATA_AS_OF",
    "DATA_VERSION",
    "Agreement",
    "AgreementKind",
    "Bloc",
    "BlocMember",
    "Bound",
    "Ceremony",
    "CountComparison",
    "CountKind",
    "DataError",
    "Dataset",
    "DateLike",
    "DateWindow",
    "Evidence",
    "Exclusion",
    "Gap",
    "Groups",
    "LaunchAnnouncement",
    "Mission",
    "MissionKind",
    "MissionStatus",
    "OfficialCount",
    "Payload",
    "Phase",
    "Plan",
    "PlanScope",
    "Precision",
    "Problem",
    "Results",
    "Signatory",
    "SignatoryType",
    "Source",
    "SourceKind",
    "TimelinePoint",
    "WeakRecord",
    "__version__",
    "agreements",
    "artemis",
    "blocs",
    "bundled",
    "by_type",
    "compare_counts",
    "exclusions",
    "gaps",
    "get",
    "joined_between",
    "joined_in",
    "load",
    "members_as_of",
    "mission",
    "missions",
    "official_counts",
    "phases",
    "plans",
    "possible_members_as_of",
    "secondary_only",
    "signatories",
    "sources",
    "timeline",
]


def signatories(*, type: SignatoryType | str | None = None) -> Results[Signatory]:
    """Every signatory (of one ``type``, if given), in order of joining: `Dataset.signatories`."""
    return bundled().signatories(type=type)


def members_as_of(when: DateLike, *, type: SignatoryType | str | None = None) -> Results[Signatory]:
    """The signatories that had certainly joined by ``when``: `Dataset.members_as_of`."""
    return bundled().members_as_of(when, type=type)


def possible_members_as_of(
    when: DateLike, *, type: SignatoryType | str | None = None
) -> Results[Signatory]:
    """Signatories whose ``joined`` window straddles ``when``: `Dataset.possible_members_as_of`."""
    return bundled().possible_members_as_of(when, type=type)


def by_type(as_of: DateLike | None = None) -> Groups[SignatoryType, Signatory]:
    """Every `SignatoryType` with its signatories (members on ``as_of``): `Dataset.by_type`."""
    return bundled().by_type(as_of)


def joined_between(
    first: DateLike, last: DateLike, *, type: SignatoryType | str | None = None
) -> Groups[str, Signatory]:
    """Signatories joining in a period, certain apart from possible: `Dataset.joined_between`."""
    return bundled().joined_between(first, last, type=type)


def joined_in(year: int, *, type: SignatoryType | str | None = None) -> Groups[str, Signatory]:
    """Signatories that joined in ``year``, certain apart from possible: `Dataset.joined_in`."""
    return bundled().joined_in(year, type=type)


def timeline(*, type: SignatoryType | str | None = None) -> Results[TimelinePoint]:
    """Membership on each day it changed, with counts by type: `Dataset.timeline`."""
    return bundled().timeline(type=type)


def get(key: str) -> Signatory:
    """The signatory with this id, name, alias or ISO code: `Dataset.get`."""
    return bundled().get(key)


def agreements(
    *, signatory: Signatory | str | None = None, kind: AgreementKind | str | None = None
) -> Results[Agreement]:
    """Every agreement in order of signing, optionally of one signatory or kind."""
    return bundled().agreements(signatory=signatory, kind=kind)


def sources() -> Results[Source]:
    """Every source cited anywhere in the bundled data."""
    return bundled().sources()


def missions(
    *,
    status: MissionStatus | str | None = None,
    phase: Phase | str | None = None,
    kind: MissionKind | str | None = None,
) -> Results[Mission]:
    """Missions, optionally filtered by status, phase or kind: `Dataset.missions`."""
    return bundled().missions(status=status, phase=phase, kind=kind)


def mission(key: str) -> Mission:
    """The mission with this id, name or alias: `Dataset.mission`."""
    return bundled().mission(key)


def plans() -> Results[Plan]:
    """Every published version of the roadmap, oldest first: `Dataset.plans`."""
    return bundled().plans()


def phases(plan: Plan | str | None = None) -> Results[Phase]:
    """The phases of one plan version (the current one by default): `Dataset.phases`."""
    return bundled().phases(plan)


def official_counts() -> Results[OfficialCount]:
    """Official statements of the number of partners, oldest first."""
    return bundled().official_counts()


def compare_counts() -> Results[CountComparison]:
    """Each official count beside the members documented by its date: `Dataset.compare_counts`."""
    return bundled().compare_counts()


def exclusions() -> Results[Exclusion]:
    """States reported as joining that are not counted as members, with the reason."""
    return bundled().exclusions()


def gaps() -> Results[Gap]:
    """Reported partners or facts too thinly sourced to make records of."""
    return bundled().gaps()


def secondary_only() -> Results[WeakRecord]:
    """Every record whose every source is secondary: `Dataset.secondary_only`."""
    return bundled().secondary_only()
