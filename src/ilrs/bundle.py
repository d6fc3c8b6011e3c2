"""The bundled data: its version and date, and the one `Dataset` of it, read on first use."""

from __future__ import annotations

import datetime
import os
import threading

from .dataset import Dataset
from .read import read_bundled

__all__ = ["DATA_AS_OF", "DATA_VERSION", "bundled"]

#: The version of the bundled data package (``version`` in its datapackage.json).
DATA_VERSION = "2026.05.11"
#: The date the bundled data is current to: the newest material its sources were
#: checked against (not the day it was curated).
DATA_AS_OF = datetime.date(2026, 5, 11)

_lock = threading.Lock()
_bundled: Dataset | None = None


def bundled() -> Dataset:
    """The bundled `Dataset`, read and indexed on the first call only (thread-safe)."""
    global _bundled
    dataset = _bundled
    if dataset is None:
        with _lock:
            if _bundled is None:
                _bundled = Dataset(read_bundled())
            dataset = _bundled
    return dataset


def _after_fork_in_child() -> None:
    """A fresh lock in a forked child: another thread of the parent may have held it."""
    global _lock
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
