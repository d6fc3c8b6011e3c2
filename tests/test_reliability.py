"""Defective packages refused whole, every problem reported, nothing executed, threads, immutability.

The deliberately broken copies come from ``scripts/break_data.py`` (one catalogue
of defects for the script and these tests): each is refused by ``ilrs.load``
and by ``ilrs validate`` naming its file, record and field, alone and together
with the others.
"""

import io
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import attrs
import pytest

import ilrs
from conftest import BUNDLED, load_script, read_rows, write_rows
from ilrs import SignatoryType
from ilrs.cli import run

break_data = load_script("break_data")


def python(code):
    """Run ``code`` in a fresh interpreter; return what it printed as JSON."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def validate(path):
    out, err = io.StringIO(), io.StringIO()
    status = run(["validate", str(path)], out, err)
    return status, out.getvalue().splitlines(), err.getvalue()


# -- deliberately broken copies: each defect alone -------------------------------


@pytest.mark.parametrize("name", [defect.name for defect in break_data.DEFECTS])
def test_each_deliberate_defect_is_refused_by_load_and_reported_by_validate(tmp_path, name):
    package = tmp_path / name
    [(_, expected)] = break_data.broken_copy(package, [name])
    with pytest.raises(ilrs.DataError) as caught:
        ilrs.load(package)
    assert any(expected.matches(p) for p in caught.value.problems), caught.value.problems
    status, lines, err = validate(package)
    assert status == 1
    assert expected.found_in(lines), lines
    assert len(lines) == len(caught.value.problems)
    assert f"{len(lines)} problem(s)" in err


# -- several defects at once: every one reported, by the real command line ------


@pytest.mark.parametrize("group", list(break_data.TOGETHER))
def test_every_defect_of_a_broken_copy_is_reported_by_the_command_line(tmp_path, group):
    package = tmp_path / group
    expected = break_data.broken_copy(package, break_data.TOGETHER[group])
    status, lines = break_data.validate(package)  # python -m ilrs validate DIR
    assert status == 1
    missed = [name for name, want in expected if not want.found_in(lines)]
    assert missed == [], "\n".join(lines)


def test_keys_references_and_dates_are_reported_alongside_bad_cells(package, edit):
    """One run reports the cross-record problems too, not only the cells that fail to parse."""

    def cells(rows):
        rows[0]["type"] = "planet"

    def references(rows):
        rows[0]["signatory_id"] = "atlantis"
        rows[1]["announced"] = "2099-01-01"

    edit("signatories", cells)
    edit("agreements", references)
    edit("missions", lambda rows: rows.append(dict(rows[0])))
    with pytest.raises(ilrs.DataError) as caught:
        ilrs.load(package)
    reported = {(p.file, p.field) for p in caught.value.problems}
    assert reported >= {
        ("signatories.csv", "type"),
        ("agreements.csv", "signatory_id"),
        ("agreements.csv", "announced"),
        ("missions.csv", "id"),
    }, caught.value.problems


def test_a_broken_file_does_not_flood_the_report_with_its_consequences(package):
    """A missing table is one problem: the references into it are not each reported."""
    (package / "missions.csv").unlink()
    with pytest.raises(ilrs.DataError) as caught:
        ilrs.load(package)
    assert [(p.file, p.message) for p in caught.value.problems] == [
        ("missions.csv", "file is missing")
    ]


def test_the_valid_copy_passes_the_command_line(package):
    status, lines = break_data.validate(package)
    assert status == 0
    assert lines == [f"ok: {package} is a valid ilrs data package"]


def test_validate_of_a_missing_directory_is_a_usage_error(tmp_path):
    status, lines, err = validate(tmp_path / "nowhere")
    assert status == 2 and lines == []
    assert err.startswith("ilrs: error: ") and "nowhere" in err and err.count("\n") == 1


def test_the_break_data_script_lists_its_defects(capsys):
    assert break_data.main(["--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed] == [d.name for d in break_data.DEFECTS]


# -- refused whole; nothing partial returned or cached -------------------------


def test_a_refused_load_leaves_nothing_behind(package, edit):
    before = ilrs.bundled()
    header, rows = read_rows(package, "signatories")
    broken = [dict(row) for row in rows]
    broken[0]["joined"] = "2024-13"
    write_rows(package, "signatories", header, broken)
    with pytest.raises(ilrs.DataError) as first:
        ilrs.load(package)
    with pytest.raises(ilrs.DataError) as again:
        ilrs.load(package)
    assert (
        first.value.problems == again.value.problems
    )  # refused the same way each time: nothing cached
    write_rows(package, "signatories", header, rows)  # repaired
    loaded = ilrs.load(package)
    assert loaded.signatories() == before.signatories()
    assert loaded.agreements() == before.agreements()
    assert ilrs.bundled() is before


def test_a_refused_load_in_a_fresh_interpreter_touches_neither_cache(package, edit):
    edit("agreements", lambda rows: rows[0].update(signatory_id="atlantis"))
    seen = python(
        "import json, ilrs, ilrs.schema as s\n"
        "try:\n"
        f"    ilrs.load({str(package)!r})\n"
        "    refused = False\n"
        "except ilrs.DataError:\n"
        "    refused = True\n"
        f"bundled = json.loads(open({str(BUNDLED / 'datapackage.json')!r}, encoding='utf-8').read())\n"
        "canonical = s.canonical() == s.schema_of(bundled)\n"
        "print(json.dumps([refused, not ilrs.bundle._datasets, canonical]))"
    )
    assert seen == [True, True, True]


def test_a_package_cannot_loosen_its_own_schema(package, edit):
    """The bundled schema is the one applied: a package's descriptor gives paths, not rules."""
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            field.pop("constraints", None)
            field["type"] = "string"
            field.pop("ilrs:edtf", None)
        resource["schema"]["foreignKeys"] = []
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    edit("signatories", lambda rows: rows[0].update(type="planet", joined="whenever"))
    with pytest.raises(ilrs.DataError) as caught:
        ilrs.load(package)
    assert {p.field for p in caught.value.problems} >= {"type", "joined"}


# -- text in the data is data: kept verbatim, never run ----------------------------

PAYLOADS = [
    "__import__('os').system('touch PWNED')",
    "{{ 7 * 7 }} ${7*7} #{7*7}",
    "!!python/object/apply:os.system ['touch PWNED']",
    "=cmd|' /C calc'!A0",
    "cos\\nsystem\\n(S'touch PWNED'\\ntR.",  # a pickle, as text
    '{"__class__": "os.system", "$ref": "../../etc/passwd"}',
    "<script>alert(1)</script>",
]


def test_text_that_looks_like_code_is_kept_as_text_and_never_run(tmp_path):
    package = tmp_path / "pkg"
    shutil.copytree(BUNDLED, package)
    header, rows = read_rows(package, "signatories")
    for row, payload in zip(rows, PAYLOADS, strict=False):
        row["notes"] = payload
    write_rows(package, "signatories", header, rows)
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["ilrs:hook"] = PAYLOADS[0]
    descriptor["title"] = PAYLOADS[2]
    path.write_text(json.dumps(descriptor), encoding="utf-8")

    # watch, in a fresh interpreter, for anything running code or commands while loading
    seen = python(
        "import json, sys, ilrs\n"
        f"ilrs.load({str(BUNDLED)!r})  # warm up: every lazy import is done\n"
        "events = []\n"
        "WATCH = ('exec', 'compile', 'os.system', 'subprocess.Popen', 'os.exec', 'os.spawn',\n"
        "         'os.posix_spawn', 'pickle.find_class', 'marshal.loads', 'import', 'ctypes')\n"
        "def hook(event, args):\n"
        "    if event.startswith(WATCH):\n"
        "        events.append(event)\n"
        "sys.addaudithook(hook)\n"
        f"loaded = ilrs.load({str(package)!r})\n"
        "notes = [s.notes for s in loaded.signatories()]\n"
        "sys.stdout.write(json.dumps([events, notes]) + '\\n')\n"
    )
    events, notes = seen
    assert events == []
    for payload in PAYLOADS:
        assert payload in notes
    assert not list(tmp_path.rglob("PWNED")) and not Path("PWNED").exists()


@pytest.mark.parametrize(
    "text",
    [
        "first line\nsecond line",
        "\n",
        "a\r\nb",
        "line\u2028separator",
        "paragraph\u2029separator",
        "next\x85line",
        "form\x0cfeed",
        "file\x1cseparator",
        "vertical\x0btab",
    ],
    ids=repr,
)
def test_a_cell_with_line_breaks_inside_quotes_loads_verbatim(package, edit, text):
    """Only CR and LF end a CSV record; a line break inside a quoted cell is part of the text."""
    edit("missions", lambda rows: rows[0].update(notes=text))
    key = read_rows(package, "missions")[1][0]["id"]
    notes = ilrs.load(package).mission(key).notes
    # a CR LF pair inside a cell may come back as LF: files are read as text
    assert notes == text.replace("\r\n", "\n") or notes == text


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("missions", "launched", "20240501"),
        ("missions", "launched", "2024-W18-3"),
        ("missions", "launched", "2024-05-01T00:00"),
    ],
)
def test_a_date_cell_is_yyyy_mm_dd_on_every_python_version(package, edit, table, field, value):
    def bad(rows):
        row = next(r for r in rows if r[field])
        row[field] = value

    edit(table, bad)
    with pytest.raises(ilrs.DataError) as caught:
        ilrs.load(package)
    assert any(p.field == field and repr(value) in p.message for p in caught.value.problems)


@pytest.mark.parametrize(
    "value", ["20260511", 20260511, "2026-W19-1", "2026-05-11T00:00"], ids=repr
)
def test_the_data_date_is_yyyy_mm_dd_on_every_python_version(package, value):
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["ilrs:dataAsOf"] = value
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(ilrs.DataError) as caught:
        ilrs.load(package)
    assert [p.field for p in caught.value.problems] == ["ilrs:dataAsOf"]


# -- threads -------------------------------------------------------------------------


def test_a_cold_start_from_threads_calling_different_functions_loads_once():
    result = python(
        "import json, threading, ilrs, ilrs.bundle as p\n"
        "calls = []\n"
        "real = p.read_bundled\n"
        "def counted(*args):\n"
        "    calls.append(1)\n"
        "    return real(*args)\n"
        "p.read_bundled = counted\n"
        "work = {\n"
        "    'get': lambda: ilrs.get('RS').id,\n"
        "    'members': lambda: [s.id for s in ilrs.members_as_of('2024-06-01')],\n"
        "    'possible': lambda: [s.id for s in ilrs.possible_members_as_of('2024-05-07')],\n"
        "    'by_type': lambda: {k.value: len(v) for k, v in ilrs.by_type('2025-01-01').items()},\n"
        "    'missions': lambda: [m.id for m in ilrs.missions(status='planned')],\n"
        "    'phases': lambda: [p.id for p in ilrs.phases()],\n"
        "    'timeline': lambda: [t.total for t in ilrs.timeline()],\n"
        "    'sources': lambda: len(ilrs.sources()),\n"
        "}\n"
        "names = sorted(work) * 4\n"
        "barrier = threading.Barrier(len(names))\n"
        "answers, datasets, errors = {}, set(), []\n"
        "def run(name):\n"
        "    barrier.wait()\n"
        "    try:\n"
        "        answers.setdefault(name, []).append(json.dumps(work[name]()))\n"
        "        datasets.add(id(ilrs.bundled()))\n"
        "    except Exception as exc:\n"
        "        errors.append(repr(exc))\n"
        "threads = [threading.Thread(target=run, args=(n,)) for n in names]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(json.dumps([len(calls), len(datasets), errors,\n"
        "                  {k: len(set(v)) for k, v in answers.items()},\n"
        "                  sum(len(v) for v in answers.values())]))"
    )
    calls, datasets, errors, distinct, answered = result
    assert errors == []
    assert calls == 1 and datasets == 1
    assert set(distinct.values()) == {1} and answered == 32


def test_loads_from_many_threads_at_once_agree(tmp_path):
    good = tmp_path / "good"
    shutil.copytree(BUNDLED, good)
    [(_, expected)] = break_data.broken_copy(tmp_path / "bad", ["dangling-reference"])
    outcomes = {"good": [], "bad": []}
    barrier = threading.Barrier(16)

    def work(kind):
        barrier.wait()
        try:
            data = ilrs.load(tmp_path / kind)
            outcomes[kind].append((data.get("RS").id, data.members_as_of("2024-06-01")))
        except ilrs.DataError as error:
            outcomes[kind].append(error.problems)

    threads = [threading.Thread(target=work, args=("good" if i % 2 else "bad",)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes["good"]) == len(outcomes["bad"]) == 8
    assert len(set(outcomes["good"])) == 1
    assert outcomes["good"][0] == ("serbia", ilrs.members_as_of("2024-06-01"))
    assert len(set(outcomes["bad"])) == 1
    assert any(expected.matches(p) for p in outcomes["bad"][0])


def test_the_lazy_indexes_of_one_dataset_are_safe_to_fill_from_threads(package):
    data = ilrs.load(package)  # its alpha-2 index and timelines are not built yet
    barrier = threading.Barrier(12)
    answers = []

    def work():
        barrier.wait()
        answers.append((data.get("rs").id, data.get("TH").id, data.timeline(type="country")))

    threads = [threading.Thread(target=work) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 12 and len(set(answers)) == 1
    assert answers[0][:2] == ("serbia", "thailand")


# -- immutability: no public mutator, nothing a caller does reaches the next caller --

MUTATOR_WORDS = ("set", "add", "remove", "delete", "update", "clear", "append", "insert", "pop")


def public(obj):
    return [name for name in dir(obj) if not name.startswith("_")]


def test_no_public_mutator_in_the_api():
    for owner in (ilrs, ilrs.Dataset, ilrs.Results, ilrs.DateWindow):
        names = ilrs.__all__ if owner is ilrs else public(owner)
        for name in names:
            assert not name.lower().startswith(MUTATOR_WORDS), f"{owner.__name__}.{name}"


@pytest.fixture(scope="module")
def loaded():
    """A Dataset of its own (not the bundled one): a failing test must not change shared state."""
    return ilrs.load(BUNDLED)


@pytest.mark.parametrize("name", public(ilrs.Dataset))
def test_a_dataset_refuses_every_assignment(loaded, name):
    data = loaded
    before = getattr(data, name, None)
    with pytest.raises(AttributeError):
        setattr(data, name, "changed")
    with pytest.raises(AttributeError):
        delattr(data, name)
    assert getattr(data, name, None) == before
    with pytest.raises(AttributeError):
        data.extra = 1


def test_records_results_windows_and_problems_refuse_assignment():
    serbia = ilrs.get("serbia")
    results = ilrs.signatories()
    problem = ilrs.Problem(file="a.csv", message="m")
    for obj, name in [
        (serbia, "name"),
        (serbia.joined, "latest"),
        (results, "of"),
        (problem, "file"),
        (ilrs.missions()[0], "status"),
        (ilrs.timeline()[0], "date"),
    ]:
        with pytest.raises(AttributeError):
            setattr(obj, name, None)
    with pytest.raises(TypeError):
        results[0] = serbia
    error = ilrs.DataError([problem])
    assert isinstance(error.problems, tuple)


def everything(api):
    """Every query's answer as plain data, to compare before and after."""
    return json.dumps(
        {
            "signatories": api.signatories().to_records(),
            "members": api.members_as_of("2024-06-01").to_records(),
            "possible": api.possible_members_as_of("2024-05-07").to_records(),
            "by_type": {k.value: [s.id for s in v] for k, v in api.by_type().items()},
            "agreements": api.agreements().to_records(),
            "missions": api.missions().to_records(),
            "phases": api.phases().to_records(),
            "plans": api.plans().to_records(),
            "sources": api.sources().to_records(),
            "counts": api.official_counts().to_records(),
            "exclusions": api.exclusions().to_records(),
            "gaps": api.gaps().to_records(),
            "timeline": api.timeline().to_records(),
        },
        sort_keys=True,
        default=str,
    )


def test_changing_what_a_call_returns_never_changes_the_next_answer():
    before = everything(ilrs)
    # dicts: every returned dict is new
    for as_of in (None, "2024-06-01"):
        grouped = ilrs.by_type(as_of)
        assert grouped is not ilrs.by_type(as_of)
        grouped[SignatoryType.COUNTRY] = ()
        grouped.pop(SignatoryType.UNIVERSITY)
        grouped.clear()
    # plain records: nested lists and dicts are new on every call
    for records in (ilrs.signatories().to_records(), ilrs.missions().to_records()):
        for record in records:
            for value in record.values():
                if isinstance(value, (list, dict)):
                    value.clear()
            record.clear()
    # results are tuples: they cannot be changed, only copied
    members = list(ilrs.members_as_of("2024-06-01"))
    members.clear()
    # records and windows cannot be changed
    for record in ilrs.signatories():
        with pytest.raises(AttributeError):
            record.aliases = ()
        with pytest.raises(AttributeError):
            record.joined.latest = None
    with pytest.raises(AttributeError):
        attrs.evolve(ilrs.get("serbia"), name="Elsewhere").name = "x"  # a copy, and frozen too
    assert everything(ilrs) == before
    assert everything(ilrs.bundled()) == before
