"""Shared fixtures: the bundled package, and editable copies of it."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

import ilrs

# Property tests run derandomized (the same examples every time) unless the
# extended run is asked for: HYPOTHESIS_PROFILE=extended python -m pytest tests
# draws fresh examples, ten times as many (docs/errors.md, "Testing").
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("extended", derandomize=False, database=None, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
#: How many times the usual number of examples a property test draws.
EXAMPLES = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "extended" else 1

BUNDLED = Path(str(files("ilrs").joinpath("data")))
SNAPSHOT = Path(__file__).with_name("snapshot.json")


def read_rows(package: Path, table: str) -> tuple[list[str], list[dict[str, str]]]:
    with open(package / f"{table}.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(package: Path, table: str, header: list[str], rows: list[dict[str, str]]) -> None:
    with open(package / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def load_script(name: str) -> ModuleType:
    """Import ``scripts/<name>.py`` (not a package) as a module, once."""
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).resolve().parent.parent / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


Editor = Callable[[str, Callable[[list[dict[str, str]]], object]], None]


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A fresh copy of the bundled data package that a test may break."""
    target = tmp_path / "pkg"
    shutil.copytree(BUNDLED, target)
    return target


@pytest.fixture
def edit(package: Path) -> Editor:
    """edit(table, fn): let fn change the rows of one table of the copy, in place."""

    def apply(table: str, change: Callable[[list[dict[str, str]]], object]) -> None:
        header, rows = read_rows(package, table)
        change(rows)
        write_rows(package, table, header, rows)

    return apply


@pytest.fixture(scope="session")
def snapshot() -> dict[str, object]:
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def data() -> ilrs.Dataset:
    return ilrs.bundled()


def every_record(data: ilrs.Dataset) -> Iterator[object]:
    """Every record of a dataset, of every kind the queries give (for tests over all)."""
    yield from data.signatories()
    yield from data.agreements()
    yield from data.sources()
    for mission in data.missions():
        yield mission
        yield from mission.launch_announcements
        yield from mission.payloads
    for plan in data.plans():
        yield plan
        yield from data.phases(plan)
    yield from data.official_counts()
    yield from data.compare_counts()
    yield from data.exclusions()
    yield from data.gaps()
    yield from data.timeline()
    yield from data.secondary_only()
