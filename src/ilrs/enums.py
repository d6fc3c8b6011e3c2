"""The closed vocabularies of the data: one enum per kind of value, and `parse_enum`.

Each enum's values are the words the data package uses (``"country"``,
``"memorandum_of_understanding"``...); a test checks them against the enum
constraints of ``datapackage.json``.
"""

from __future__ import annotations

import enum
from typing import TypeVar

__all__ = [
    "AgreementKind",
    "Bloc",
    "Bound",
    "Ceremony",
    "CountKind",
    "Evidence",
    "MissionKind",
    "MissionStatus",
    "PlanScope",
    "SignatoryType",
    "SourceKind",
    "parse_enum",
]

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

    #: Initiated the programme (China and Russia for the ILRS, the eight founders of the Accords).
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


class Ceremony(enum.Enum):
    """How an instrument was signed (a record leaves it empty when no source says)."""

    IN_PERSON = "in_person"
    #: By video link, or each side signing in its own capital.
    VIRTUAL = "virtual"


class SourceKind(enum.Enum):
    """Who stands behind a source, strongest first."""

    #: The agency, government or institution itself.
    OFFICIAL = "official"
    #: A news agency (Xinhua, TASS, Reuters, AP, Interfax...).
    WIRE = "wire"
    #: Newspapers, broadcasters and specialist press.
    PRESS = "press"
    #: Aggregators, blogs, reprints, archives and digests.
    SECONDARY = "secondary"


class CountKind(enum.Enum):
    """Whether an official count states what was achieved or what is aimed at."""

    ACHIEVED = "achieved"
    TARGET = "target"


class Bound(enum.Enum):
    """How a stated number is meant."""

    EXACT = "exact"
    #: "more than N": at least N.
    LOWER_BOUND = "lower_bound"
    #: "about N", "nearly N".
    APPROXIMATE = "approximate"


class MissionStatus(enum.Enum):
    """Where a mission stands, as of the data's date."""

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


class PlanScope(enum.Enum):
    """What a plan version covers."""

    #: A plan for the whole programme.
    PROGRAMME = "programme"
    #: One partner's schedule for its own part (e.g. Russia's elements).
    SEGMENT = "segment"


class Bloc(enum.Enum):
    """Which lunar programme a state is in: the ILRS, the Artemis Accords, or both."""

    ILRS = "ilrs"
    ACCORDS = "accords"
    BOTH = "both"


def parse_enum(enum_type: type[E], value: E | str, what: str | None = None) -> E:
    """Return the member of ``enum_type`` that ``value`` names.

    Accepts a member, its value (``"country"``) or its name (``"COUNTRY"``),
    case-insensitively. Raises `ValueError` listing the valid values for
    anything else.
    """
    if isinstance(value, enum_type):
        return value
    label = what or enum_type.__name__
    if isinstance(value, str):
        folded = value.strip().lower()
        for member in enum_type:
            if folded in (str(member.value), member.name.lower()):
                return member
    valid = ", ".join(str(member.value) for member in enum_type)
    raise ValueError(f"unknown {label} {value!r}; expected one of: {valid}")
