"""The bundled package's fast path: compiled rows, used only while its files are as validated."""

import json
import shutil
import threading

import pytest

import ilrs
from conftest import BUNDLED, load_script
from ilrs import _checked, package
from ilrs.dataset import Dataset


def test_the_compiled_package_is_that_of_the_bundled_files_after_full_validation():
    expected = load_script("snapshot").checked(BUNDLED)
    stored = {name: getattr(_checked, name) for name in expected}
    assert stored == expected, (
        "the bundled data changed: run `python scripts/snapshot.py`, review the diff, commit it"
    )


def test_the_compiled_module_is_exactly_what_the_script_writes():
    source = (BUNDLED.parent / "_checked.py").read_text(encoding="utf-8")
    assert load_script("snapshot").checked_module(BUNDLED) == source


def test_the_compiled_package_covers_every_bundled_file_and_column():
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    assert set(_checked.FILES) == {"datapackage.json", *(p.name for p in BUNDLED.glob("*.csv"))}
    assert {name: list(columns) for name, (columns, _, _) in _checked.TABLES.items()} == {
        r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in descriptor["resources"]
    }


def test_the_compiled_rows_are_exactly_what_full_validation_gives():
    fast = package._read_checked()
    assert fast is not None
    full, problems = package.read(package._bundled_opener(), check_countries=True)
    assert problems == [] and full is not None
    assert (fast.version, fast.data_as_of) == (full.version, full.data_as_of)
    assert list(fast.tables) == list(full.tables)
    for name, rows in full.tables.items():
        assert fast.tables[name] == rows, name
        for fast_row, row in zip(fast.tables[name], rows, strict=True):
            assert list(fast_row) == list(row)
            assert [type(v) for v in fast_row.values()] == [type(v) for v in row.values()], name
            for value in fast_row.values():
                if isinstance(value, tuple):
                    assert all(type(item) is str for item in value), name


@pytest.fixture
def bundled_copy(tmp_path, monkeypatch):
    """A copy of the bundled package, which read_bundled then reads as the bundled one."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target)
    monkeypatch.setattr(package, "_bundled_root", lambda: str(target))
    return target


def test_an_unchanged_copy_takes_the_fast_path(bundled_copy, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr(package, "read", refuse)
    assert Dataset(package.read_bundled()).signatories() == ilrs.signatories()


def test_a_changed_file_is_validated_in_full_and_its_change_is_seen(bundled_copy):
    path = bundled_copy / "signatories.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Serbia", "Republic of Serbia", 1), encoding="utf-8")
    assert package._read_checked() is None
    data = Dataset(package.read_bundled())
    assert data.get("serbia").name == "Republic of Serbia"


@pytest.mark.parametrize("name", ["signatories.csv", "missions.csv", "datapackage.json"])
def test_a_defect_in_any_changed_file_is_refused_whole(bundled_copy, name):
    path = bundled_copy / name
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";", 3), encoding="utf-8")
    with pytest.raises(ilrs.DataError):
        package.read_bundled()


def test_a_missing_or_unreadable_file_is_not_read_unchecked(bundled_copy):
    (bundled_copy / "gaps.csv").unlink()
    assert package._read_checked() is None
    with pytest.raises(ilrs.DataError, match="gaps.csv"):
        package.read_bundled()


def test_a_copy_with_only_its_line_endings_changed_is_validated_and_gives_the_same(
    bundled_copy,
):
    for path in bundled_copy.iterdir():
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert package._read_checked() is None
    data = Dataset(package.read_bundled())
    assert data.signatories() == ilrs.signatories() and data.missions() == ilrs.missions()


def test_the_parts_built_on_first_use_are_built_once_from_threads():
    data = Dataset(package.read_bundled())  # nothing beyond the signatories is built yet
    calls = {
        "missions": data.missions,
        "plans": data.plans,
        "phases": data.phases,
        "counts": data.official_counts,
        "exclusions": data.exclusions,
        "gaps": data.gaps,
        "timeline": data.timeline,
    }
    names = sorted(calls) * 3
    barrier = threading.Barrier(len(names))
    answers = {name: [] for name in calls}

    def work(name):
        barrier.wait()
        answers[name].append(calls[name]())

    threads = [threading.Thread(target=work, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name, got in answers.items():
        assert len(got) == 3 and got[0] is got[1] is got[2], name
        assert got[0] == getattr(ilrs.bundled(), calls[name].__name__)(), name


def test_load_builds_every_part_at_once_and_keeps_no_rows(package):
    loaded = ilrs.load(package)
    assert {"missions", "plans", "counts", "exclusions", "gaps"} <= set(loaded._cache)
    assert not loaded._tables  # (and the rows are let go)
