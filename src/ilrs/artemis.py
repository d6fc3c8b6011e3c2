"""The Artemis Accords: the same queries over the bundled Accords data as `ilrs` has for the ILRS.

The US-led Artemis Accords are bundled as a second data package under the same
schema, so every query returns the same records and `Results`, and the same
tables, DataFrames and charts work for both: a signatory is a `Signatory`
(NASA's number as its ``order``) whose one agreement is its signing of the
Accords. `blocs` sets the two programmes side by side.

    >>> from ilrs import artemis
    >>> artemis.get("Japan").order
    1
"""

from __future__ import annotations

from .analysis import blocs as _blocs
from .bundle import ARTEMIS_DATA_AS_OF as DATA_AS_OF
from .bundle import ARTEMIS_DATA_VERSION as DATA_VERSION
from .bundle import bundled
from .dataset import Dataset
from .dates import DateLike, to_date
from .records import (
    Agreement,
    BlocMember,
    CountComparison,
    Exclusion,
    Gap,
    OfficialCount,
    Signatory,
    Source,
    TimelinePoint,
)
from .results import Groups, Results

__all__ = [
    "DATA_AS_OF",
    "DATA_VERSION",
    "agreements",
    "blocs",
    "bundled_accords",
    "compare_counts",
    "exclusions",
    "gaps",
    "get",
    "joined_between",
    "joined_in",
    "members_as_of",
    "official_counts",
    "possible_members_as_of",
    "signatories",
    "sources",
    "timeline",
]


def bundled_accords() -> Dataset:
    """The bundled Artemis Accords `Dataset` (read on first use)."""
    return bundled("artemis")


def signatories() -> Results[Signatory]:
    """Every signatory of the Accords, in order of signing."""
    return bundled("artemis").signatories()


def members_as_of(when: DateLike) -> Results[Signatory]:
    """The states that had certainly signed the Accords by ``when``: `Dataset.members_as_of`."""
    return bundled("artemis").members_as_of(when)


def possible_members_as_of(when: DateLike) -> Results[Signatory]:
    """The states whose signing window straddles ``when``."""
    return bundled("artemis").possible_members_as_of(when)


def joined_between(first: DateLike, last: DateLike) -> Groups[str, Signatory]:
    """The states that signed within a period, certain apart from possible."""
    return bundled("artemis").joined_between(first, last)


def joined_in(year: int) -> Groups[str, Signatory]:
    """The states that signed in ``year``, certain apart from possible."""
    return bundled("artemis").joined_in(year)


def timeline() -> Results[TimelinePoint]:
    """The number of signatories on each day it changed: `Dataset.timeline`."""
    return bundled("artemis").timeline()


def get(key: str) -> Signatory:
    """The signatory with this id, name, alias or ISO code: `Dataset.get`."""
    return bundled("artemis").get(key)


def agreements() -> Results[Agreement]:
    """Every signing of the Accords, in order (one per signatory)."""
    return bundled("artemis").agreements()


def sources() -> Results[Source]:
    """Every source cited by the Accords data."""
    return bundled("artemis").sources()


def official_counts() -> Results[OfficialCount]:
    """Each statement of how many states had signed ("the 60th signatory")."""
    return bundled("artemis").official_counts()


def compare_counts() -> Results[CountComparison]:
    """Each statement beside the signatories documented by its date."""
    return bundled("artemis").compare_counts()


def exclusions() -> Results[Exclusion]:
    """States reported as signing that are not counted, with the reason."""
    return bundled("artemis").exclusions()


def gaps() -> Results[Gap]:
    """What the sources leave open (a number whose state is unknown, an unconfirmed signing)."""
    return bundled("artemis").gaps()


def blocs(as_of: DateLike, *, organizations: bool = False) -> Results[BlocMember]:
    """Every state in the ILRS, the Accords or both on ``as_of``, with both joining windows.

    A state counts as in a programme when it had certainly joined by that day
    (`Dataset.members_as_of` of each). With ``organizations``, ILRS members
    that are not states but whose host state signed the Accords are added.
    """
    day = to_date(as_of)
    ilrs, accords = bundled("ilrs"), bundled("artemis")
    found = _blocs(ilrs.members_as_of(day), accords.members_as_of(day), organizations=organizations)
    query = f"blocs({day.isoformat()!r}{', organizations=True' if organizations else ''})"
    return Results(
        found,
        of=BlocMember,
        query=query,
        package=f"{ilrs.name}+{accords.name}",
        version=f"{ilrs.version}+{accords.version}",
        as_of=min(ilrs.data_as_of, accords.data_as_of),
    )
