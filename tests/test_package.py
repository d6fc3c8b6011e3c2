"""The data package: its descriptor, keys, and refusing defective copies whole."""

import json

import pytest

import ilrs
from conftest import BUNDLED, read_rows
from ilrs.validate import check as check_path


def descriptor():
    return json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))


def test_descriptor_describes_every_file_and_column():
    package = descriptor()
    assert package["version"] == ilrs.DATA_VERSION
    assert package["ilrs:dataAsOf"] == ilrs.DATA_AS_OF.isoformat()
    listed = {resource["path"] for resource in package["resources"]}
    on_disk = {p.name for p in BUNDLED.glob("*.csv")}
    assert listed == on_disk
    for resource in package["resources"]:
        header, _ = read_rows(BUNDLED, resource["name"])
        assert header == [field["name"] for field in resource["schema"]["fields"]]
        assert resource["schema"]["primaryKey"]
        for field in resource["schema"]["fields"]:
            assert field.get("description"), (resource["name"], field["name"])


def test_primary_keys_are_unique_in_the_bundled_files():
    for resource in descriptor()["resources"]:
        key = resource["schema"]["primaryKey"]
        key = [key] if isinstance(key, str) else key
        _, rows = read_rows(BUNDLED, resource["name"])
        values = [tuple(row[k] for k in key) for row in rows]
        assert len(values) == len(set(values)), resource["name"]


def test_foreign_keys_resolve_in_the_bundled_files():
    resources = {r["name"]: r for r in descriptor()["resources"]}
    checked = 0
    for resource in resources.values():
        for foreign in resource["schema"]["foreignKeys"]:
            target = foreign["reference"]["resource"]
            _, target_rows = read_rows(BUNDLED, target)
            known = {row[foreign["reference"]["fields"]] for row in target_rows}
            _, rows = read_rows(BUNDLED, resource["name"])
            for row in rows:
                assert row[foreign["fields"]] in known, (resource["name"], row)
                checked += 1
    assert checked > 100


def test_the_bundled_package_is_valid_with_full_checks():
    assert check_path(BUNDLED) == []


def test_load_gives_the_same_records_as_the_bundled_dataset(package):
    loaded = ilrs.load(package)
    assert loaded.signatories() == ilrs.signatories()
    assert loaded.missions() == ilrs.missions()
    assert loaded is not ilrs.bundled()


def refused(package, *fragments):
    with pytest.raises(ilrs.DataError) as caught:
        ilrs.load(package)
    text = str(caught.value)
    for fragment in fragments:
        assert fragment in text, text
    assert isinstance(caught.value, ValueError)
    return caught.value


def test_duplicate_primary_key_is_refused(package, edit):
    edit("signatories", lambda rows: rows.append(dict(rows[0])))
    refused(
        package,
        "signatories.csv",
        "duplicate primary key",
        repr(read_rows(package, "signatories")[1][0]["id"]),
    )


def test_dangling_foreign_key_is_refused(package, edit):
    def dangle(rows):
        rows[0]["signatory_id"] = "atlantis"

    edit("agreements", dangle)
    refused(package, "agreements.csv", "'atlantis'", "signatory_id")


@pytest.mark.parametrize(
    ("table", "field", "value", "fragments"),
    [
        ("signatories", "type", "planet", ["field 'type'", "'planet'", "country"]),
        ("agreements", "signed", "2024-05-09/2024-05-08", ["field 'signed'", "reversed"]),
        ("agreements", "signed", "2024-02-30", ["field 'signed'", "impossible"]),
        ("sources", "url", "", ["field 'url'", "required"]),
        ("sources", "url", "ftp://example.org", ["field 'url'", "http"]),
        ("signatories", "country_code", "XXX", ["'XXX'", "ISO 3166-1"]),
        ("phases", "order", "first", ["field 'order'", "integer"]),
        ("missions", "kinds", "orbiter|spaceship", ["field 'kinds'", "'spaceship'"]),
    ],
)
def test_bad_cell_is_refused_naming_file_record_and_field(
    package, edit, table, field, value, fragments
):
    def bad(rows):
        rows[0][field] = value

    edit(table, bad)
    refused(package, f"{table}.csv", *fragments)


def test_missing_resource_is_refused(package):
    (package / "missions.csv").unlink()
    refused(package, "missions.csv", "missing")


def test_file_that_does_not_parse_is_refused(package):
    (package / "datapackage.json").write_text("{not json", encoding="utf-8")
    refused(package, "datapackage.json", "JSON")


def test_every_problem_is_reported_not_only_the_first(package, edit):
    def bad(rows):
        rows[0]["type"] = "planet"
        rows[1]["joined"] = "2024-13"

    edit("signatories", bad)
    error = refused(package)
    assert len(error.problems) >= 2
    assert {p.field for p in error.problems} >= {"type", "joined"}


def test_not_a_directory():
    with pytest.raises(FileNotFoundError, match="not a directory"):
        ilrs.load("/nonexistent/ilrs-package")
