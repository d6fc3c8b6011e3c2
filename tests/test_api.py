"""Every public call, on the bundled data and on edited copies of it."""

import datetime as dt
import json

import attrs
import pytest

import ilrs
from ilrs import (
    Agreement,
    AgreementKind,
    Mission,
    MissionStatus,
    Phase,
    PlanScope,
    Results,
    Signatory,
    SignatoryType,
)


def ids(records):
    return [record.id for record in records]


# -- membership rule, on a copy whose windows the test controls ---------------


@pytest.fixture
def windows(package, edit):
    """A copy where Serbia joined 2024-05-07/2024-05-08 and Bolivia ../2025-04-28."""

    # these two are what the bundled data says; the test pins them so it does not
    # depend on later curation
    def pin(rows):
        for row in rows:
            if row["id"] == "serbia-2024":
                row["signed"] = "2024-05-07/2024-05-08"

    edit("agreements", pin)

    def pin_sig(rows):
        for row in rows:
            if row["id"] == "serbia":
                row["joined"] = "2024-05-07/2024-05-08"
            if row["id"] == "bolivia":
                row["joined"] = "../2025-04-28"

    edit("signatories", pin_sig)
    return ilrs.load(package)


def test_range_member_only_from_the_day_the_window_ends(windows):
    assert "serbia" not in ids(windows.members_as_of("2024-05-07"))
    assert "serbia" in ids(windows.possible_members_as_of("2024-05-07"))
    assert "serbia" in ids(windows.members_as_of("2024-05-08"))
    assert "serbia" not in ids(windows.possible_members_as_of("2024-05-08"))


def test_open_start_member_only_from_the_date_of_the_list(windows):
    assert "bolivia" not in ids(windows.members_as_of("2025-04-27"))
    assert "bolivia" in ids(windows.possible_members_as_of("2021-01-01"))
    assert "bolivia" in ids(windows.members_as_of("2025-04-28"))


def test_month_only_window_counts_from_the_last_day_of_the_month(package, edit):
    def month(rows):
        for row in rows:
            if row["id"] == "unisat-2023":
                row["signed"] = "2023-12"

    def sig(rows):
        for row in rows:
            if row["id"] == "unisat":
                row["joined"] = "2023-12"

    edit("agreements", month)
    edit("signatories", sig)
    ds = ilrs.load(package)
    assert "unisat" not in ids(ds.members_as_of("2023-12-30"))
    assert "unisat" in ids(ds.possible_members_as_of("2023-12-30"))
    assert "unisat" in ids(ds.members_as_of("2023-12-31"))


def test_members_as_of_matches_the_documented_rule(data):
    for day in ("2021-03-08", "2021-03-09", "2023-10-20", "2024-05-07", "2025-06-01"):
        when = dt.date.fromisoformat(day)
        expected = [s.id for s in data.signatories() if s.joined.latest <= when]
        assert ids(data.members_as_of(day)) == expected
        possible = [s.id for s in data.signatories() if s.joined.straddles(when)]
        assert ids(data.possible_members_as_of(day)) == possible


def test_members_as_of_accepts_dates_datetimes_and_text(data):
    expected = data.members_as_of(dt.date(2024, 6, 1))
    assert data.members_as_of(dt.datetime(2024, 6, 1, 12)) == expected
    assert data.members_as_of("1 June 2024") == expected
    assert data.members_as_of("2024-06-01") == expected
    aware = dt.datetime(2024, 6, 2, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert data.members_as_of(aware) == expected  # 2024-06-01 in UTC


def test_members_as_of_by_type(data):
    countries = data.members_as_of("2024-06-01", type="country")
    assert countries == data.members_as_of("2024-06-01", type=SignatoryType.COUNTRY)
    assert all(s.type is SignatoryType.COUNTRY for s in countries)
    with pytest.raises(ValueError, match="unknown signatory type 'planet'.*country"):
        data.members_as_of("2024-06-01", type="planet")


def test_module_functions_are_the_bundled_datasets(data):
    assert ilrs.bundled() is data
    assert ilrs.members_as_of("2024-06-01") == data.members_as_of("2024-06-01")
    assert ilrs.possible_members_as_of("2024-05-07") == data.possible_members_as_of("2024-05-07")
    assert ilrs.signatories() == data.signatories()
    assert ilrs.agreements() == data.agreements()
    assert ilrs.missions() == data.missions()
    assert ilrs.plans() == data.plans()
    assert ilrs.phases() == data.phases()
    assert ilrs.sources() == data.sources()
    assert ilrs.official_counts() == data.official_counts()
    assert ilrs.exclusions() == data.exclusions()
    assert ilrs.gaps() == data.gaps()
    assert ilrs.by_type() == data.by_type()
    assert ilrs.get("serbia") is data.get("serbia")
    assert ilrs.mission("CE-7") is data.mission("change-7")


def test_results_are_tuples_of_records(data):
    for result, kind in [
        (ilrs.signatories(), Signatory),
        (ilrs.members_as_of("2025-01-01"), Signatory),
        (ilrs.agreements(), Agreement),
        (ilrs.missions(), Mission),
        (ilrs.phases(), Phase),
    ]:
        assert isinstance(result, tuple) and isinstance(result, Results)
        assert result and all(isinstance(r, kind) for r in result)


def test_signatories_in_order_of_joining(data):
    keys = [s.joined.sort_key for s in data.signatories()]
    assert keys == sorted(keys)


def test_by_type(data):
    everything = ilrs.by_type()
    assert list(everything) == list(SignatoryType)
    assert sum(len(group) for group in everything.values()) == len(ilrs.signatories())
    dated = ilrs.by_type(as_of="2024-06-01")
    for kind, group in dated.items():
        assert group == ilrs.members_as_of("2024-06-01", type=kind)
    dated.clear()  # a fresh dict: changing it changes nothing for the next caller
    assert ilrs.by_type(as_of="2024-06-01")[SignatoryType.COUNTRY]


@pytest.mark.parametrize(
    "key", ["serbia", "Serbia", "SERBIA", "Republic of Serbia", "Србија", "SRB", "srb", "RS", "rs"]
)
def test_get_by_every_key_kind(key):
    assert ilrs.get(key).id == "serbia"


def test_get_alias_of_a_body():
    assert ilrs.get("APSCO").id == "apsco"
    assert ilrs.get("asia-pacific space cooperation organization").id == "apsco"


def test_country_codes_find_states_not_bodies_hosted_there():
    # NARIT is hosted in Thailand; THA and TH mean the state
    assert ilrs.get("THA").id == "thailand"
    assert ilrs.get("TH").id == "thailand"


def test_get_miss_names_close_matches():
    with pytest.raises(LookupError, match="'Serbai'.*'Serbia'"):
        ilrs.get("Serbai")
    with pytest.raises(LookupError, match="no signatory matches 'Atlantis'"):
        ilrs.get("Atlantis")
    with pytest.raises(TypeError, match="None"):
        ilrs.get(None)  # type: ignore[arg-type]


def test_country_property_imports_pycountry_on_demand():
    assert ilrs.get("pakistan").country.alpha_2 == "PK"
    assert ilrs.get("apsco").country is None


def test_agreements_filters(data):
    pakistan = ilrs.agreements(signatory="PK")
    assert pakistan == data.get("pakistan").agreements
    assert all(a.signatory_id == "pakistan" for a in pakistan)
    statements = ilrs.agreements(kind="joint_statement")
    assert statements and all(a.kind is AgreementKind.JOINT_STATEMENT for a in statements)
    with pytest.raises(ValueError, match="unknown agreement kind 'treaty'"):
        ilrs.agreements(kind="treaty")


def test_missions_filters():
    launched = ilrs.missions(status=MissionStatus.FAILED)
    assert "luna-25" in ids(launched)
    assert all(m.status is MissionStatus.FAILED for m in launched)
    assert ilrs.missions(status="failed") == launched
    landers = ilrs.missions(kind="lander")
    assert all(any(k.value == "lander" for k in m.kinds) for m in landers)
    with pytest.raises(ValueError, match="unknown mission status 'flying'.*planned"):
        ilrs.missions(status="flying")


def test_missions_by_phase():
    phase = ilrs.phases()[0]
    by_object = ilrs.missions(phase=phase)
    assert ids(by_object) == [m for m in ids(ilrs.missions()) if m in phase.mission_ids]
    assert ilrs.missions(phase=phase.id) == by_object
    assert ilrs.missions(phase=phase.name.upper()) == by_object
    with pytest.raises(LookupError, match="no phase matches"):
        ilrs.missions(phase="terraforming")


def test_plans_and_phases(data):
    plans = ilrs.plans()
    assert [p.published.sort_key for p in plans] == sorted(p.published.sort_key for p in plans)
    current = data.current_plan
    assert current.scope is PlanScope.PROGRAMME
    assert ilrs.phases() == ilrs.phases(current.id) == ilrs.phases(current)
    roadmap = ilrs.phases("plan-2021-06")
    assert [p.order for p in roadmap] == list(range(1, len(roadmap) + 1))
    assert all(p.plan == "plan-2021-06" for p in roadmap)
    with pytest.raises(LookupError, match="no plan matches 'plan-1999'"):
        ilrs.phases("plan-1999")


def test_mission_lookup():
    assert ilrs.mission("Chang'e-7").id == "change-7"
    with pytest.raises(LookupError, match="closest"):
        ilrs.mission("change-77")


def test_records_are_immutable_and_hold_tuples():
    serbia = ilrs.get("serbia")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        serbia.name = "Elsewhere"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        serbia.extra = 1  # type: ignore[attr-defined]
    for record in [*ilrs.signatories(), *ilrs.agreements(), *ilrs.missions(), *ilrs.phases()]:
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            assert not isinstance(value, (list, dict, set)), (record.id, field.name)


def test_records_are_keyword_only():
    with pytest.raises(TypeError):
        ilrs.Source("id", "https://x", "P", ilrs.DateWindow.parse("2024"), "t")  # type: ignore[misc]


def test_to_records_is_json_ready_and_detached():
    records = ilrs.members_as_of("2024-06-01").to_records()
    json.dumps(records)
    serbia = next(r for r in records if r["id"] == "serbia")
    assert serbia["joined"] == str(ilrs.get("serbia").joined)
    serbia["aliases"].append("changed")
    assert "changed" not in ilrs.get("serbia").aliases


def test_versions_are_plain_attributes():
    assert isinstance(ilrs.__version__, str)
    assert ilrs.bundled().version == ilrs.DATA_VERSION
    assert ilrs.bundled().data_as_of == ilrs.DATA_AS_OF
