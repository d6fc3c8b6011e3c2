import csv
import io
import json

import pytest

import ilrs
from ilrs.cli import run


def call(*argv):
    out, err = io.StringIO(), io.StringIO()
    status = run(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_members_table_json_csv():
    status, out, _ = call("members", "--as-of", "2024-06-01")
    assert status == 0 and "serbia" in out
    status, out, _ = call("members", "--as-of", "2024-06-01", "--format", "json")
    expected = ilrs.members_as_of("2024-06-01")
    assert [r["id"] for r in json.loads(out)] == [s.id for s in expected]
    status, out, _ = call(
        "members", "--as-of", "2024-06-01", "--type", "country", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == [
        s.id for s in ilrs.members_as_of("2024-06-01", type="country")
    ]


@pytest.mark.parametrize(
    "argv",
    [
        ("members", "--as-of", "2024-13-45"),
        ("members", "--as-of", "03/04/2024"),
        ("members", "--as-of", "2024-06-01", "--type", "planet"),
        ("show", "Atlantis"),
        ("missions", "--status", "flying"),
        ("phases", "--plan", "plan-1999"),
        ("nonsense",),
        ("members",),
    ],
)
def test_bad_arguments_give_one_line_and_status_2(argv):
    status, out, err = call(*argv)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("ilrs: error: ")


def test_show_signatory_and_mission():
    status, out, _ = call("show", "PK", "--format", "json")
    assert status == 0 and json.loads(out)["id"] == "pakistan"
    status, out, _ = call("show", "CE-7", "--format", "json")
    assert status == 0 and json.loads(out)["id"] == "change-7"


def test_show_prints_a_readable_card_by_default():
    status, out, _ = call("show", "PK")
    assert status == 0 and out.startswith("Pakistan (Signatory pakistan)\n")
    assert "joined:" in out and "agreements (" in out and "https://" in out
    assert max(len(line) for line in out.splitlines()) <= 100 or "http" in out


@pytest.mark.parametrize(
    "command", ["signatories", "agreements", "missions", "phases", "plans", "counts"]
)
def test_listings(command):
    status, out, _ = call(command, "--format", "json")
    assert status == 0 and json.loads(out)


def test_validate(package, edit):
    status, out, _ = call("validate", str(package))
    assert status == 0 and out.startswith("ok")

    def bad(rows):
        rows[0]["type"] = "planet"
        rows[1]["country_code"] = "XXX"

    edit("signatories", bad)
    status, out, err = call("validate", str(package))
    assert status == 1
    assert len(out.strip().splitlines()) == 2
    assert "2 problem(s)" in err
