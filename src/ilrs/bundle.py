"""The bundled data: each package's version and date, and one `Dataset` of each, read on first use.

Two packages are bundled, under the same schema: ``"ilrs"`` (the International
Lunar Research Station, the default everywhere) and ``"artemis"`` (the
signatories of the US-led Artemis Accords, behind `ilrs.artemis`).
"""

from __future__ import annotations

import datetime
import os
import threading

from .dataset import Dataset
from .read import read_bundled

__all__ = [
    "ARTEMIS_DATA_AS_OF",
    "ARTEMIS_DATA_VERSION",
    "DATA_AS_OF",
    "DATA_VERSION",
    "PACKAGES",
    "bundled",
]

#: The version of the bundled ILRS data package (``version`` in its datapackage.json).
DATA_VERSION = "2026.10.09"
#: The date the bundled ILRS data is current to: the newest material its sources were
#: checked against (not the day it was curated).
DATA_AS_OF = datetime.date(2026, 10, 9)
#: The version of the bundled Artemis Accords data package.
ARTEMIS_DATA_VERSION = "2026.05.04"
#: The date the bundled Artemis Accords data is current to.
ARTEMIS_DATA_AS_OF = datetime.date(2026, 5, 4)
#: The bundled packages by name, with their versions and dates (a test ties them to the files).
PACKAGES = {
    "ilrs": (DATA_VERSION, DATA_AS_OF),
    "artemis": (ARTEMIS_DATA_VERSION, ARTEMIS_DATA_AS_OF),
}

_lock = threading.Lock()
_datasets: dict[str, Dataset] = {}


def bundled(package: str = "ilrs") -> Dataset:
    """A bundled `Dataset`, read and indexed on its first call only (thread-safe).

    ``package`` is ``"ilrs"`` (the default) or ``"artemis"``; anything else is
    a `ValueError`.
    """
    dataset = _datasets.get(package)
    if dataset is None:
        if package not in PACKAGES:
            raise ValueError(f"unknown bundled package {package!r}; expected one of: ilrs, artemis")
        with _lock:
            dataset = _datasets.get(package)
            if dataset is None:
                dataset = _datasets[package] = Dataset(read_bundled(package))
    return dataset


def _after_fork_in_child() -> None:
    """A fresh lock in a forked child: another thread of the parent may have held it."""
    global _lock
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
