"""Tests on the bundled data itself: rules every record keeps, counts, known facts."""

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

import ilrs
from conftest import BUNDLED
from ilrs import AgreementKind, DateWindow, Evidence, MissionStatus, SignatoryType

ROOT = Path(__file__).resolve().parent.parent


def load_script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- rules every record keeps --------------------------------------------------


def test_every_source_has_url_publisher_and_date(data):
    for source in data.sources():
        assert source.url.startswith(("https://", "http://")), source.id
        assert source.publisher.strip(), source.id
        assert isinstance(source.published, DateWindow), source.id
        assert source.title.strip(), source.id


#: Hosts of mirror, spam, proxy and reprint sites: never a source (a fact resting on such
#: a page is re-sourced from the original, or removed).
MIRRORS = (
    "stallone-f.com",
    "xiydc.com",
    "ruixiangjiaoyu.com",
    "thxxww.com",
    "wybk.com",
    "fxzzs.com",
    "libproxy",
    "41xjj.com",
    "zzzzz.one",
    "freewechat.com",
    "daydaynews.cc",
    "vcpnewz.com",
    "newsmuncher.com",
    "ohbaobei.com",
    "newsbreakonline.com",
    "hockeytribute.com",
    "chicagonewsjournal.com",
    "pledgetimes.com",
    "exbulletin.com",
    "flyingtomars.com",
    "news-briefing.com",
    "newsyou",
)
#: What a title is not: placeholders standing for a title nobody read.
PLACEHOLDERS = (
    "not captured",
    "not read",
    "url slug",
    "news item",
    "title unresolved",
    "(reprint)",
)


def test_no_source_is_a_mirror_spam_or_proxy_page(data):
    from urllib.parse import urlsplit

    for source in data.sources():
        host = urlsplit(source.url).netloc.lower()
        assert not any(mirror in host for mirror in MIRRORS), (source.id, host)


def test_every_source_has_its_real_title_and_a_kind(data):
    for source in data.sources():
        title = source.title.strip()
        assert title and not title.startswith(("[", "(")), source.id
        assert not any(p in title.lower() for p in PLACEHOLDERS), (source.id, title)
        assert isinstance(source.kind, ilrs.SourceKind)


def test_every_source_is_cited(data):
    cited = {s.id for signatory in data.signatories() for s in signatory.all_sources}
    cited |= {s.id for m in data.missions() for s in m.sources}
    cited |= {a.source.id for m in data.missions() for a in m.launch_announcements}
    cited |= {p.source.id for m in data.missions() for p in m.payloads}
    cited |= {s.id for p in data.plans() for s in p.sources}
    cited |= {c.source.id for c in data.official_counts()}
    cited |= {s.id for r in (*data.exclusions(), *data.gaps()) for s in r.sources}
    assert sorted(s.id for s in data.sources() if s.id not in cited) == []


def test_no_working_notes_are_left_in_the_data():
    words = ("the brief", "this file", "i used", "seed article", "seed-article", "helper",
             "searchable corpus", "look-up", "file's window", "not listed in the")  # fmt: skip
    for path in BUNDLED.glob("*.csv"):
        text = path.read_text(encoding="utf-8").lower()
        for word in words:
            assert word not in text, (path.name, word)


def test_secondary_only_lists_exactly_the_records_whose_every_source_is_secondary(data):
    weak = {(r.table, r.id) for r in data.secondary_only()}
    secondary = ilrs.SourceKind.SECONDARY
    for signatory in data.signatories():
        only = all(s.kind is secondary for s in signatory.all_sources)
        assert (("signatories", signatory.id) in weak) == only
    for mission in data.missions():
        only = all(s.kind is secondary for s in mission.sources)
        assert (("missions", mission.id) in weak) == only
    for record in data.secondary_only():
        assert record.sources and all(s.kind is secondary for s in record.sources)


def test_every_record_is_sourced(data):
    for signatory in data.signatories():
        assert signatory.all_sources, signatory.id
    for agreement in data.agreements():
        assert 1 <= len(agreement.sources) <= 3, agreement.id
    for record in (*data.missions(), *data.plans(), *data.exclusions(), *data.gaps()):
        assert record.sources, record.id
    for count in data.official_counts():
        assert count.source.url


def test_dated_facts_do_not_reach_past_data_as_of(data):
    as_of = data.data_as_of
    windows = [s.joined for s in data.signatories()]
    windows += [a.signed for a in data.agreements()]
    windows += [a.announced for a in data.agreements() if a.announced]
    windows += [s.published for s in data.sources()]
    windows += [c.stated for c in data.official_counts()]
    windows += [la.announced for m in data.missions() for la in m.launch_announcements]
    assert all(w.latest <= as_of for w in windows)
    assert all(m.launched <= as_of for m in data.missions() if m.launched)


def test_data_as_of_is_the_newest_date_checked(data):
    # DATA_AS_OF is the newest material checked, not the day the data was curated: the
    # newest source, or a gap that says what was searched up to that day and not found
    newest_source = max(s.published.latest for s in data.sources())
    searched_to = max(g.date.latest for g in data.gaps())
    assert max(newest_source, searched_to) == data.data_as_of
    if searched_to > newest_source:
        checked = [g for g in data.gaps() if g.date.latest == data.data_as_of]
        assert all(f"{data.data_as_of:%-d %B %Y}" in g.description for g in checked)


def test_iso_codes_are_valid():
    codes = {s.country_code for s in ilrs.signatories() if s.country_code}
    codes |= {e.country_code for e in ilrs.exclusions() if e.country_code}
    codes |= {m.lead_country for m in ilrs.missions() if m.lead_country}
    codes |= {p.country_code for m in ilrs.missions() for p in m.payloads if p.country_code}
    for code in codes:
        assert pycountry.countries.get(alpha_3=code) is not None, code


def test_no_name_or_alias_is_shared_by_two_signatories(data):
    owner = {}
    for signatory in data.signatories():
        for key in {signatory.id, signatory.name, *signatory.aliases}:
            folded = key.casefold()
            assert owner.setdefault(folded, signatory.id) == signatory.id, key


def test_states_have_a_code_and_international_bodies_none(data):
    for state in data.signatories(type="country"):
        assert state.country_code, state.id
    for body in data.signatories(type="intergovernmental_organization"):
        assert body.country_code is None, body.id


def test_evidence_matches_the_joining_window(data):
    for signatory in data.signatories():
        if signatory.evidence is Evidence.LISTED:
            assert signatory.joined.earliest is None and not signatory.agreements
        if signatory.agreements:
            first = min((a.signed for a in signatory.agreements), key=lambda w: w.sort_key)
            assert signatory.joined == first


def test_exclusions_are_not_members(data):
    members = {s.country_code for s in data.signatories(type="country")}
    for exclusion in data.exclusions():
        assert exclusion.country_code not in members
        assert exclusion.reason.strip()


def test_every_plan_has_ordered_phases(data):
    for plan in data.plans():
        phases = data.phases(plan)
        assert [p.order for p in phases] == list(range(1, len(phases) + 1)), plan.id


# -- counts follow the data, from the committed snapshot -----------------------


def test_counts_match_the_committed_snapshot(snapshot):
    assert load_script("snapshot").snapshot() == snapshot, (
        "the data changed: run `python scripts/snapshot.py`, review the diff, commit it"
    )


def test_docs_tables_are_in_step_with_the_data():
    module = load_script("data_docs")
    assert module.render(module.DOC.read_text(encoding="utf-8")) == module.DOC.read_text(
        encoding="utf-8"
    ), "docs/data.md is stale: run `python scripts/data_docs.py`"


def test_data_docs_check_mode_exits_zero_when_fresh():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "data_docs.py"), "--check"])
    assert done.returncode == 0


# -- spot checks of known facts, each with its source --------------------------


def test_pakistan():
    # Xinhua, 2023-10-25, https://english.news.cn/20231025/197ca42b8ae24ed6b1b4e5fba949fdbc/c.html:
    # CNSA and SUPARCO signed an ILRS MoU on 18 October 2023 in Beijing.
    pakistan = ilrs.get("pakistan")
    first = pakistan.agreements[0]
    assert pakistan.joined == DateWindow.parse("2023-10-18")
    assert first.kind is AgreementKind.MEMORANDUM_OF_UNDERSTANDING
    assert first.ilrs_parties == ("CNSA",) and first.partner_parties == ("SUPARCO",)


def test_serbia_signed_on_the_second_day_of_the_state_visit():
    # Anadolu (via AzerNews), May 2024: the 28 documents of Xi Jinping's visit were signed on
    # Wednesday 8 May 2024 in Belgrade; the Chinese MFA's outcomes list (9 May) names the MoU.
    serbia = ilrs.get("serbia")
    assert serbia.joined == DateWindow.parse("2024-05-08")
    assert serbia not in ilrs.members_as_of("2024-05-07")
    assert serbia not in ilrs.possible_members_as_of("2024-05-07")
    assert serbia in ilrs.members_as_of("2024-05-08")


def test_senegal_at_the_second_deep_space_conference():
    # Xinhua via People's Daily, 2024-09-05, http://en.people.cn/n3/2024/0905/c90000-20215121.html
    senegal = ilrs.get("SN")
    assert senegal.joined == DateWindow.parse("2024-09-05")
    assert senegal.agreements[0].kind is AgreementKind.COOPERATION_AGREEMENT
    assert "Tunxi" in (senegal.agreements[0].place or "")


def test_venezuela_joint_statement():
    # TASS, 2023-07-18, https://tass.com/science/1648671; Global Times, 2023-07-20
    venezuela = ilrs.get("VE")
    assert venezuela.joined == DateWindow.parse("2023-07-17")
    assert venezuela.agreements[0].kind is AgreementKind.JOINT_STATEMENT


def test_bolivia_only_listed_by_roscosmos():
    # TASS, 2025-04-29, https://tass.com/science/1950959: Bakanov's list of 13 countries
    bolivia = ilrs.get("Bolivia")
    assert bolivia.evidence is Evidence.LISTED
    assert bolivia.joined == DateWindow.parse("../2025-04-28")


def test_uae_is_an_exclusion_not_a_member():
    # The National (2022) and SCMP (2023): a rover deal only, later dropped
    assert "ARE" in {e.country_code for e in ilrs.exclusions()}
    with pytest.raises(LookupError):
        ilrs.get("United Arab Emirates")


def test_eleven_states_by_serbia():
    # SpaceNews, May 2024 (seed 001): "Serbia becomes the 11th country to join the ILRS"
    states = ilrs.members_as_of("2024-05-08", type=SignatoryType.COUNTRY)
    assert len(states) == 11 and states[-1].id == "serbia"


def test_luna_25_failed_after_launch():
    # launched 10 August 2023 (UTC) and crashed on the Moon on 19 August 2023
    luna = ilrs.mission("Luna-25")
    assert luna.launched == dt.date(2023, 8, 10)
    assert luna.status is MissionStatus.FAILED


def test_change_6_launched():
    # Xinhua via People's Daily, 2024-05-03, http://en.people.cn/n3/2024/0503/c90000-20164148.html
    assert ilrs.mission("CE-6").launched == dt.date(2024, 5, 3)


def test_2021_roadmap_phases_are_kept():
    # CNSA/Roscosmos ILRS Roadmap V1.0, GLEX 2021 (Xinhua, TASS, 2021-06-16)
    roadmap = ilrs.phases("plan-2021-06")
    assert [(p.start_year, p.end_year) for p in roadmap[:1]] == [(2021, 2025)]
    assert roadmap[-1].start_year == 2036 and roadmap[-1].end_year is None
    assert "change-8" in roadmap[1].mission_ids
