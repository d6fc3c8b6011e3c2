"""ilrs: a curated, sourced dataset about China's International Lunar Research Station.

The module-level functions query the bundled dataset, which is read on first
use (once, thread-safe) and cached::

    >>> import ilrs
    >>> ilrs.get("Pakistan").joined
    DateWindow(...)
    >>> len(ilrs.members_as_of("2024-06-01"))  # doctest: +SKIP

:func:`load` reads another data package laid out like the bundled one into a
:class:`Dataset` with the same methods.
"""

from __future__ import annotations

import threading as _threading
from typing import TYPE_CHECKING, Any

from ._data_version import DATA_AS_OF, DATA_VERSION
from ._version import __version__
from .dataset import Dataset, load
from .dates import DateLike, DateWindow, Precision
from .errors import DataError, Problem
from .records import (
    _PROGRAMME,
    Agreement,
    AgreementKind,
    Evidence,
    Exclusion,
    Gap,
    OfficialCount,
    Signatory,
    SignatoryType,
    Source,
    _from_programme,
)
from .results import Results

# (imported now, not lazily: importing the module ilrs.timeline later would set the
# attribute ``ilrs.timeline`` to the module, hiding the function of that name)
from .timeline import CountComparison, TimelinePoint

if TYPE_CHECKING:
    from .programme import (
        LaunchAnnouncement,
        Mission,
        MissionKind,
        MissionStatus,
        Payload,
        Phase,
        Plan,
        PlanScope,
    )


def __getattr__(name: str) -> Any:
    """The programme's records and enums, imported on first use (a cold start need not)."""
    value = _from_programme(name, __name__)
    globals()[name] = value  # (found directly from now on)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PROGRAMME})


__all__ = [
    "DATA_AS_OF",
    "DATA_VERSION",
    "Agreement",
    "AgreementKind",
    "CountComparison",
    "DataError",
    "Dataset",
    "DateLike",
    "DateWindow",
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
    "Precision",
    "Problem",
    "Results",
    "Signatory",
    "SignatoryType",
    "Source",
    "TimelinePoint",
    "__version__",
    "agreements",
    "bundled",
    "by_type",
    "compare_counts",
    "exclusions",
    "gaps",
    "get",
    "load",
    "members_as_of",
    "mission",
    "missions",
    "official_counts",
    "phases",
    "plans",
    "possible_members_as_of",
    "signatories",
    "sources",
    "timeline",
]

_lock = _threading.Lock()
_bundled: Dataset | None = None


def bundled() -> Dataset:
    """The bundled :class:`Dataset`, read and indexed on the first call only."""
    global _bundled
    dataset = _bundled
    if dataset is None:
        with _lock:
            if _bundled is None:
                from .package import gc_paused, read_bundled

                with gc_paused():
                    _bundled = Dataset(read_bundled())
            dataset = _bundled
    return dataset


def signatories(*, type: SignatoryType | str | None = None) -> Results[Signatory]:
    """Every signatory (of one ``type``, if given), in order of joining."""
    return bundled().signatories(type=type)


def members_as_of(when: DateLike, *, type: SignatoryType | str | None = None) -> Results[Signatory]:
    """The signatories that had certainly joined by ``when``: see :meth:`Dataset.members_as_of`."""
    return bundled().members_as_of(when, type=type)


def possible_members_as_of(
    when: DateLike, *, type: SignatoryType | str | None = None
) -> Results[Signatory]:
    """The signatories whose ``joined`` window straddles ``when``."""
    return bundled().possible_members_as_of(when, type=type)


def by_type(as_of: DateLike | None = None) -> dict[SignatoryType, Results[Signatory]]:
    """A new dict from every :class:`SignatoryType` to its signatories (members on ``as_of``)."""
    return bundled().by_type(as_of)


def timeline(*, type: SignatoryType | str | None = None) -> Results[TimelinePoint]:
    """Membership on each day it changed, with counts by type: see :meth:`Dataset.timeline`."""
    return bundled().timeline(type=type)


def get(key: str) -> Signatory:
    """The signatory with this id, name, alias or ISO code; LookupError if none."""
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
    """Missions, optionally filtered by status, phase or kind."""
    return bundled().missions(status=status, phase=phase, kind=kind)


def mission(key: str) -> Mission:
    """The mission with this id, name or alias; LookupError if none."""
    return bundled().mission(key)


def plans() -> Results[Plan]:
    """Every published version of the roadmap, oldest first (see ``Dataset.current_plan``)."""
    return bundled().plans()


def phases(plan: Plan | str | None = None) -> Results[Phase]:
    """The phases of one plan version (the current one by default), in order."""
    return bundled().phases(plan)


def official_counts() -> Results[OfficialCount]:
    """Official statements of the number of ILRS partners, oldest first."""
    return bundled().official_counts()


def compare_counts() -> Results[CountComparison]:
    """Each official count beside the members documented by its date (:class:`CountComparison`)."""
    return bundled().compare_counts()


def exclusions() -> Results[Exclusion]:
    """States reported as joining that are not counted as members, with the reason."""
    return bundled().exclusions()


def gaps() -> Results[Gap]:
    """Reported partners or facts too thinly sourced to make records of."""
    return bundled().gaps()
