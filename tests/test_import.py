"""What `import ilrs` and a first query cost: checked in fresh interpreters."""

import json
import subprocess
import sys

import pytest

HEAVY = [
    "pycountry",
    "dateutil.parser",
    "pandas",
    "matplotlib",
    "importlib.metadata",
    "ilrs.tabular",
    "ilrs.plot",
    "ilrs.cli",
]


def run(code):
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_import_reads_nothing_and_a_plain_query_imports_nothing_heavy():
    seen = run(
        "import sys, json\n"
        "before = set(sys.modules)\n"
        "import ilrs\n"
        "loaded_at_import = ilrs._bundled is not None\n"
        "ilrs.members_as_of('2024-06-01')\n"
        f"print(json.dumps([loaded_at_import, [m for m in {HEAVY!r} if m in sys.modules and m not in before]]))"
    )
    loaded_at_import, heavy = seen
    assert loaded_at_import is False
    assert heavy == []


def test_a_plain_query_on_cpython_skips_the_slow_standard_modules():
    # The cold-start budget (docs/performance.md): the bundled package, unchanged, needs
    # no JSON or CSV parsing, a query about signatories no missions or plans, and on
    # CPython 3.11 `import datetime` would first run its pure-Python copy.
    if sys.implementation.name != "cpython":
        pytest.skip("the C module _datetime is CPython's")
    assert (
        run(  # (json is imported only after the query: it is one of the modules watched)
            "import sys\n"
            "before = set(sys.modules)\n"
            "import ilrs\n"
            "ilrs.members_as_of('2024-06-01')\n"
            "watched = {'json', 'datetime', 'csv', 'ilrs.programme', 'ilrs.tabular'}\n"
            "loaded = sorted(watched & (set(sys.modules) - before))\n"
            "import json\n"
            "print(json.dumps(loaded))"
        )
        == []
    )


def test_text_dates_import_dateutil_only_when_needed():
    assert run(
        "import sys, json, ilrs\n"
        "ilrs.members_as_of('1 June 2024')\n"
        "print(json.dumps('dateutil.parser' in sys.modules))"
    )


def test_tests_run_against_the_installed_wheel_when_asked():
    import os
    from pathlib import Path

    import ilrs

    if os.environ.get("ILRS_TEST_INSTALLED"):
        assert "site-packages" in Path(ilrs.__file__).parts


def test_the_programme_names_are_exported_and_imported_on_first_use():
    names, same, missing = run(
        "import json, sys, ilrs, ilrs.records\n"
        "before = 'ilrs.programme' in sys.modules\n"
        "names = sorted(n for n in ilrs.__all__ if n not in vars(ilrs))\n"
        "import ilrs.programme as p\n"
        "same = all(getattr(ilrs, n) is getattr(ilrs.records, n) is getattr(p, n) for n in names)\n"
        "try:\n"
        "    ilrs.Atlantis\n"
        "except AttributeError as error:\n"
        "    missing = str(error)\n"
        "print(json.dumps([[before, names, sorted(set(names) - set(dir(ilrs)))], same, missing]))"
    )
    assert names == [False, sorted(__import__("ilrs.programme").programme.__all__), []]
    assert same is True
    assert missing == "module 'ilrs' has no attribute 'Atlantis'"
