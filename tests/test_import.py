"""What `import ilrs` and a first query do: checked in fresh interpreters."""

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = [
    "pycountry",
    "dateutil.parser",
    "pandas",
    "matplotlib",
    "importlib.metadata",
    "ilrs.plot",
    "ilrs.cli",
]


def run(code):
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_import_reads_nothing_and_a_plain_query_imports_nothing_heavy():
    loaded_at_import, tables_read, heavy = run(
        "import sys, json\n"
        "before = set(sys.modules)\n"
        "import ilrs\n"
        "loaded_at_import = bool(ilrs.bundle._datasets)\n"
        "ilrs.members_as_of('2024-06-01')\n"
        "read = sorted(ilrs.bundled()._tables._tables)\n"
        f"print(json.dumps([loaded_at_import, read, [m for m in {HEAVY!r} if m in sys.modules and m not in before]]))"
    )
    assert loaded_at_import is False
    # a query about signatories reads only the tables signatories are built from
    assert tables_read == [
        "agreement_sources",
        "agreements",
        "signatories",
        "signatory_sources",
        "sources",
    ]
    assert heavy == []


def test_text_dates_import_dateutil_only_when_needed():
    assert run(
        "import sys, json, ilrs\n"
        "ilrs.members_as_of('2024-06-01')\n"
        "iso = 'dateutil.parser' in sys.modules\n"
        "ilrs.members_as_of('1 June 2024')\n"
        "print(json.dumps([iso, 'dateutil.parser' in sys.modules]))"
    ) == [False, True]


def test_tests_run_against_the_installed_wheel_when_asked():
    import ilrs

    if os.environ.get("ILRS_TEST_INSTALLED"):
        assert "site-packages" in Path(ilrs.__file__).parts
