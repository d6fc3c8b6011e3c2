"""What `import ilrs` and a first query cost: checked in fresh interpreters."""

import json
import subprocess
import sys

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


def test_text_dates_import_dateutil_only_when_needed():
    assert run(
        "import sys, json, ilrs\n"
        "ilrs.members_as_of('1 June 2024')\n"
        "print(json.dumps('dateutil.parser' in sys.modules))"
    )


def test_cold_start_from_many_threads_loads_once():
    result = run(
        "import json, threading, ilrs, ilrs.package as p\n"
        "calls = []\n"
        "real = p.read_bundled\n"
        "def counted():\n"
        "    calls.append(1)\n"
        "    return real()\n"
        "p.read_bundled = counted\n"
        "barrier = threading.Barrier(16)\n"
        "answers = []\n"
        "def work():\n"
        "    barrier.wait()\n"
        "    answers.append((id(ilrs.bundled()), [s.id for s in ilrs.members_as_of('2024-06-01')]))\n"
        "threads = [threading.Thread(target=work) for _ in range(16)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(json.dumps([len(calls), len({a[0] for a in answers}), len({tuple(a[1]) for a in answers}), len(answers)]))"
    )
    assert result == [1, 1, 1, 16]


def test_tests_run_against_the_installed_wheel_when_asked():
    import os
    from pathlib import Path

    import ilrs

    if os.environ.get("ILRS_TEST_INSTALLED"):
        assert "site-packages" in Path(ilrs.__file__).parts
