"""The house rules: real attrs records, imports that run one way, enums that match the schema."""

import ast
import json
from pathlib import Path

import attrs
import cattrs.preconf.json
import pytest

import ilrs
from conftest import BUNDLED, every_record
from ilrs import enums

SRC = Path(ilrs.__file__).resolve().parent

#: Every module, lowest first: a module may import only modules of lower layers.
LAYERS = [
    ["_version", "enums", "dates", "errors"],  # leaves
    ["tabular"],  # generic table views of attrs records
    ["results"],  # Results shows itself through tabular
    ["records"],  # records hold Results of records
    ["schema"],
    ["read"],
    ["validate"],
    ["analysis"],
    ["dataset"],
    ["bundle"],
    ["artemis"],  # the Accords' queries (the ILRS's are in __init__)
    ["cli", "plot"],  # front-ends: nothing imports them
    ["__main__"],
    ["__init__"],  # re-exports only; no submodule imports it
]
LAYER = {module: rank for rank, modules in enumerate(LAYERS) for module in modules}

RECORDS = [
    ilrs.Signatory,
    ilrs.Agreement,
    ilrs.Source,
    ilrs.Mission,
    ilrs.LaunchAnnouncement,
    ilrs.Payload,
    ilrs.Plan,
    ilrs.Phase,
    ilrs.OfficialCount,
    ilrs.Exclusion,
    ilrs.Gap,
    ilrs.DateWindow,
    ilrs.Problem,
    ilrs.TimelinePoint,
    ilrs.CountComparison,
    ilrs.BlocMember,
    ilrs.WeakRecord,
]


def imports_of(path):
    """The ilrs modules a module imports (by short name), and whether it imports the root."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, root = set(), False
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.split(".")[0] == "ilrs":
                parts = node.module.split(".")
                if len(parts) == 1:
                    root = True
                else:
                    found.add(parts[1])
            elif node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:  # from . import x
                root = True
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "ilrs":
                    root = True
    return found, root


def test_every_module_has_a_layer():
    assert {p.stem for p in SRC.glob("*.py")} == set(LAYER)


@pytest.mark.parametrize("module", sorted(LAYER))
def test_imports_run_one_way(module):
    found, root = imports_of(SRC / f"{module}.py")
    assert not (root and module != "__init__"), f"{module} imports the package root"
    upward = sorted(name for name in found if LAYER[name] >= LAYER[module])
    assert upward == [], f"{module} (layer {LAYER[module]}) imports {upward}"


def test_the_import_walk_catches_an_upward_edge(tmp_path):
    # the test above can fail: a records module importing dataset is an upward edge
    bad = tmp_path / "records.py"
    bad.write_text("from .dataset import Dataset\nfrom . import bundle\n", encoding="utf-8")
    found, root = imports_of(bad)
    assert found == {"dataset"} and root
    assert LAYER["dataset"] > LAYER["records"]


def test_no_private_interpreter_modules_gc_switches_or_module_getattr():
    for path in SRC.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("_datetime", "_Frozen", "gc_paused", "gc.disable", "__getattr__"):
            assert word not in text, (path.name, word)


def test_no_module_holds_data_rows():
    # the data lives only in src/ilrs/data (datapackage.json and CSV files)
    for path in SRC.glob("*.py"):
        assert path.stat().st_size < 60_000, path.name
    assert {p.suffix for p in (SRC / "data").iterdir()} == {".csv", ".json"}


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_records_are_real_frozen_slotted_attrs_classes(cls):
    props = attrs.inspect(cls)
    assert props.is_frozen and props.is_slotted
    assert props.added_init and props.added_eq and props.added_repr
    attrs.resolve_types(cls)  # the annotations resolve at run time
    for field in attrs.fields(cls):
        assert not isinstance(field.type, str), (cls.__name__, field.name)


def kinds_of_record(data):
    yield from every_record(data)
    yield ilrs.Problem(file="x.csv", record="'a'", field="b", message="c")
    yield ilrs.DateWindow.parse("../2025-04-28")
    yield from ilrs.blocs(ilrs.DATA_AS_OF, organizations=True)


def test_cattrs_round_trips_every_kind_of_bundled_record(data):
    converter = cattrs.preconf.json.make_converter()
    kinds = set()
    for record in kinds_of_record(data):
        text = converter.dumps(record)
        again = converter.loads(text, type(record))
        assert again == record, type(record).__name__
        assert hash(again) == hash(record)
        kinds.add(type(record))
    assert kinds == set(RECORDS)


def test_evolve_converts_and_the_record_stays_hashable():
    serbia = ilrs.get("serbia")
    changed = attrs.evolve(serbia, aliases=["Srbija"], type="country")
    assert changed.aliases == ("Srbija",) and isinstance(changed.aliases, tuple)
    assert changed.type is ilrs.SignatoryType.COUNTRY
    assert hash(changed) != hash(serbia)
    assert attrs.evolve(changed, aliases=serbia.aliases) == serbia


def test_a_window_whose_days_and_precision_disagree_is_refused():
    import datetime

    day = datetime.date(2024, 5, 8)
    with pytest.raises(ValueError, match="whole month"):
        ilrs.DateWindow(earliest=day, latest=day, precision=ilrs.Precision.MONTH)
    with pytest.raises(TypeError, match="datetime.date"):
        ilrs.DateWindow(earliest=None, latest="2024-05-08", precision=ilrs.Precision.OPEN_START)


def enum_columns():
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            values = field.get("constraints", {}).get("enum") or field.get("ilrs:itemEnum")
            if values is not None:
                yield pytest.param(
                    resource["name"],
                    field["name"],
                    values,
                    id=f"{resource['name']}.{field['name']}",
                )


#: The Python enum of each enum column of the schema.
ENUM_OF = {
    ("signatories", "type"): enums.SignatoryType,
    ("signatories", "evidence"): enums.Evidence,
    ("agreements", "kind"): enums.AgreementKind,
    ("missions", "kinds"): enums.MissionKind,
    ("missions", "status"): enums.MissionStatus,
    ("plans", "scope"): enums.PlanScope,
    ("sources", "kind"): enums.SourceKind,
    ("agreements", "ceremony"): enums.Ceremony,
    ("official_counts", "kind"): enums.CountKind,
    ("official_counts", "countries_and_orgs_bound"): enums.Bound,
    ("official_counts", "institutions_bound"): enums.Bound,
    ("official_counts", "total_bound"): enums.Bound,
}


@pytest.mark.parametrize(("resource", "field", "values"), list(enum_columns()))
def test_each_enum_column_of_the_schema_matches_its_python_enum(resource, field, values):
    assert (resource, field) in ENUM_OF, f"{resource}.{field} has no Python enum"
    assert values == [member.value for member in ENUM_OF[resource, field]]


def test_every_python_enum_of_the_schema_has_its_column():
    assert {key for key in ENUM_OF} == {(p.values[0], p.values[1]) for p in enum_columns()}


def test_a_loaded_package_shows_its_own_date(package):
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["version"] = "test-1"
    descriptor["ilrs:dataAsOf"] = "2030-01-01"
    (package / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    loaded = ilrs.load(package)
    html = loaded.members_as_of("2024-06-01")._repr_html_()
    assert "ilrs data test-1, as of 2030-01-01" in html
    assert "ilrs data test-1, as of 2030-01-01" in str(loaded.missions())
