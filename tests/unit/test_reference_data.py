import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from stdnum import numdb

from domain.errors import RuleRefused, ValidationFailed
from domain.reference import (
    DepartmentNotInForce,
    Level,
    ListType,
    MeasureKind,
    NoRegimeInForce,
    Purpose,
    ReferenceData,
    Severity,
)
from infrastructure.reference_data.loader import (
    DEFAULT_DIRECTORY,
    ReferenceDataError,
    load_reference_data,
)


@pytest.fixture(scope="module")
def data() -> ReferenceData:
    return load_reference_data()


class TestCountiesAndSuccessors:
    """Huai'an's counties by GB/T 2260 code, their units, and the reorganisations."""

    def test_county_codes_and_names_are_those_of_gb_t_2260(self, data: ReferenceData) -> None:
        table = numdb.get("cn/loc")
        for county in data.counties:
            (_, province), (_, local) = table.info(county.code)
            assert province["province"] == "江苏省"
            history = local["county"]
            assert county.name_zh in history, (county.code, history)
            if county.valid_to is not None:  # e.g. [1983-2016]清河区
                assert f"-{county.valid_to.year}]{county.name_zh}" in history
            if county.valid_from is not None:  # e.g. [2016-]清江浦区
                assert f"[{county.valid_from.year}-]{county.name_zh}" in history
        today = {c.code for c in data.counties if c.valid_to is None}
        assert today == {"320812", "320803", "320804", "320813", "320826", "320830", "320831"}

    def test_each_county_has_its_units_doing_the_city_units_work(self, data: ReferenceData) -> None:
        kinds = ("market_regulation", "ecology_environment", "public_security", "court", "taxation")
        for county in (c for c in data.counties if c.valid_to is None):
            for kind in kinds:
                unit = data.department(f"{kind}@{county.code}")
                assert (unit.level, unit.county, unit.kind_code) == (
                    Level.COUNTY,
                    county.code,
                    kind,
                )
        qingjiangpu = "market_regulation@320812"
        assert data.domain("fake_drugs") in data.domains_of(qingjiangpu)  # 食药监's domain
        assert data.leads(data.domain("fake_drugs"), qingjiangpu)
        assert data.leads(data.domain("environment"), "ecology_environment")
        assert not data.involves(data.domain("telecom_fraud"), qingjiangpu)
        assert set(data.departments_in("320812")) >= {qingjiangpu, "industry_commerce@320802"}

    def test_a_unit_decides_only_while_it_exists_and_the_refusal_names_its_successor(
        self, data: ReferenceData
    ) -> None:
        data.department_in_force("industry_commerce", date(2018, 12, 31))
        with pytest.raises(DepartmentNotInForce) as refused:
            data.department_in_force("industry_commerce", date(2019, 1, 1))
        assert refused.value.code == "department_not_in_force"
        assert refused.value.context["successor"] == "market_regulation"
        assert "市市场监管局" in str(refused.value)
        with pytest.raises(DepartmentNotInForce) as early:
            data.department_in_force("market_regulation", date(2018, 6, 1))
        assert early.value.context["successor"] is None

    def test_successors_chain_through_the_2016_merger_and_the_2019_reorganisation(
        self, data: ReferenceData
    ) -> None:
        qinghe = "industry_commerce@320802"  # 清河区工商局, until 2016-10-07
        assert data.current_successor(qinghe, date(2017, 5, 1)) == "industry_commerce@320812"
        assert data.current_successor(qinghe, date(2020, 5, 1)) == "market_regulation@320812"
        assert qinghe in data.acts_for("market_regulation@320812")
        assert data.acts_for("market_regulation") == {
            "market_regulation",
            "industry_commerce",
            "food_drug",
            "price_bureau",
        }


class TestShippedData:
    def test_the_nineteen_domains_in_seed_order(self, data: ReferenceData) -> None:
        assert [d.number for d in data.domains] == list(range(1, 20))
        assert data.domains[0].code == "telecom_fraud"
        assert data.domains[0].name_zh == "电信网络诈骗"
        assert data.domains[-1].code == "sports_integrity"

    def test_telecom_fraud_is_led_by_public_security(self, data: ReferenceData) -> None:
        telecom = data.domain("telecom_fraud")
        assert telecom.lead_units == ("public_security",)
        assert telecom.involves("pboc_huaian")
        assert not telecom.is_led_by("pboc_huaian")

    def test_academic_fraud_has_three_leads_and_no_participants(self, data: ReferenceData) -> None:
        academic = data.domain("academic_fraud")
        assert set(academic.lead_units) == {"human_resources", "education", "science_technology"}
        assert academic.participating_units == ()

    def test_finance_is_led_by_three_units(self, data: ReferenceData) -> None:
        finance = data.domain("finance")
        assert finance.lead_units == ("financial_office", "credit_office", "pboc_huaian")
        assert finance.participating_units == (
            "cyberspace",
            "development_reform",
            "banking_regulator",
        )

    def test_poverty_relief_has_a_single_lead_and_no_participants(
        self, data: ReferenceData
    ) -> None:
        poverty = data.domain("poverty_relief")
        assert poverty.lead_units == ("poverty_relief_office",)
        assert poverty.participating_units == ()

    def test_wage_arrears_names_all_fifteen_participants(self, data: ReferenceData) -> None:
        assert len(data.domain("wage_arrears").participating_units) == 15

    def test_every_referenced_department_exists(self, data: ReferenceData) -> None:
        referenced = {u for d in data.domains for u in d.lead_units + d.participating_units}
        referenced |= {u for m in data.measures for u in m.departments}
        assert all(data.has_department(code) for code in referenced)

    def test_departments_keep_the_seeds_chinese_names(self, data: ReferenceData) -> None:
        assert data.department("pboc_huaian").name_zh == "人民银行淮安市中心支行"
        assert data.department("state_grid_huaian").name_zh == "国网淮安供电公司"

    def test_domains_of_a_department(self, data: ReferenceData) -> None:
        civil_affairs = {d.code for d in data.domains_of("civil_affairs")}
        assert civil_affairs == {"illegal_social_orgs", "charity", "fake_lottery"}

    def test_unknown_codes_are_refused(self, data: ReferenceData) -> None:
        with pytest.raises(ValidationFailed, match="unknown domain 'piracy'") as caught:
            data.domain("piracy")
        assert caught.value.context == {"field": "domain"}
        assert not data.has_department("ministry_of_magic")

    def test_measures_trace_to_the_seed(self, data: ReferenceData) -> None:
        assert 15 <= len(data.measures) <= 25
        assert all(m.source.startswith("§三") for m in data.measures)
        rewards = {m.code for m in data.measures if m.kind is MeasureKind.REWARD}
        assert {"green_channel", "accept_with_missing_documents"} <= rewards


class TestRegimes:
    def test_regimes_are_sorted_and_complete(self, data: ReferenceData) -> None:
        days = [r.effective_from for r in data.regimes]
        assert days == sorted(days)
        assert all(set(r.publication) == set(Severity) for r in data.regimes)

    @pytest.mark.parametrize(
        ("first_day", "code", "previous"),
        [
            (date(2019, 7, 1), "ndrc_2019_527", "huaian_2018"),
            (date(2023, 5, 1), "ndrc_order_58", "ndrc_2019_527"),
            (date(2025, 6, 22), "state_council_2025_22", "ndrc_order_58"),
            (date(2026, 4, 1), "ndrc_order_36", "state_council_2025_22"),
        ],
    )
    def test_a_regime_applies_from_its_first_day(
        self, data: ReferenceData, first_day: date, code: str, previous: str
    ) -> None:
        assert data.regime_on(first_day).code == code
        assert data.regime_on(first_day - timedelta(days=1)).code == previous

    def test_every_day_since_the_national_outline_has_a_regime(self, data: ReferenceData) -> None:
        first = data.regimes[0]
        assert (first.code, first.effective_from) == ("huaian_2018", date(2014, 6, 14))
        assert data.regime_on(date(2018, 9, 3)) is first
        assert "publication.serious" in first.unconfirmed
        assert first.is_confirmed("publish_within_working_days")

    def test_the_first_regime_applies_from_its_first_day(self, data: ReferenceData) -> None:
        first = data.regimes[0]
        assert data.regime_on(first.effective_from) is first

    def test_no_regime_before_the_first(self, data: ReferenceData) -> None:
        first = data.regimes[0].effective_from
        with pytest.raises(NoRegimeInForce) as caught:
            data.regime_on(first - timedelta(days=1))
        assert isinstance(caught.value, RuleRefused)
        assert caught.value.code == "no_regime_in_force"
        assert caught.value.context["earliest_date"] == first.isoformat()

    def test_serious_conduct_is_published_at_least_a_year_from_2025(
        self, data: ReferenceData
    ) -> None:
        regime = data.regime_on(date(2025, 7, 1))
        serious = regime.publication_for(Severity.SERIOUS)
        assert (serious.published, serious.min_months, serious.max_months) == (True, 12, 36)
        assert not regime.publication_for(Severity.MINOR).published
        assert (regime.repair_feedback_working_days, regime.repair_decision_working_days) == (10, 3)

    def test_the_seeds_seven_working_days_hold_in_every_regime(self, data: ReferenceData) -> None:
        assert {r.publish_within_working_days for r in data.regimes} == {7}
        assert not any(r.natural_person_penalty_published for r in data.regimes)

    def test_unconfirmed_figures_are_marked(self, data: ReferenceData) -> None:
        for regime in data.regimes:
            assert not regime.is_confirmed("objection_decide_working_days")
            assert not regime.is_confirmed("false_materials_bar_years")


class TestMeasuresFor:
    def test_a_blacklisted_polluter_checked_for_bidding(self, data: ReferenceData) -> None:
        codes = {
            m.code for m in data.measures_for(ListType.BLACKLIST, "environment", Purpose.BIDDING)
        }
        assert codes == {"restrict_bidding", "environment_procurement_restriction"}

    def test_the_focus_list_gets_only_the_milder_measures(self, data: ReferenceData) -> None:
        codes = {m.code for m in data.measures_for(ListType.FOCUS, "environment")}
        assert codes == {"strict_licence_review"}

    def test_no_purpose_means_every_purpose(self, data: ReferenceData) -> None:
        codes = {m.code for m in data.measures_for(ListType.BLACKLIST, "court_judgments")}
        assert {"restrict_high_consumption", "restrict_bidding", "strict_licence_review"} <= codes
        assert "charity_award_lifetime_ban" not in codes

    def test_domain_measures_stay_in_their_domain(self, data: ReferenceData) -> None:
        charity = data.measures_for(ListType.BLACKLIST, "charity", Purpose.HONOURS)
        assert {m.code for m in charity} == {"charity_award_lifetime_ban"}
        fraud = data.measures_for(ListType.BLACKLIST, "telecom_fraud", Purpose.HONOURS)
        assert fraud == ()

    def test_the_red_list_gets_rewards_only(self, data: ReferenceData) -> None:
        rewards = data.measures_for(ListType.RED, "transport", Purpose.LICENSING)
        assert {m.code for m in rewards} == {"green_channel", "accept_with_missing_documents"}
        assert all(m.kind is MeasureKind.REWARD for m in rewards)

    def test_a_penalty_record_triggers_no_joint_measure(self, data: ReferenceData) -> None:
        assert data.measures_for(ListType.PENALTY, "tax_fraud") == ()

    def test_an_unknown_domain_is_refused(self, data: ReferenceData) -> None:
        with pytest.raises(ValidationFailed):
            data.measures_for(ListType.BLACKLIST, "piracy")


DELETE = object()
BROKEN = [
    ("domains", ("domains", 0, "lead_units"), ["ministry_of_magic"],
     r"domains\.json: item 'telecom_fraud': field 'lead_units': unknown department 'ministry_of"),
    ("measures", ("measures", 0, "departments"), ["ministry_of_magic"],
     r"measures\.json: item 'restrict_bidding': field 'departments': unknown department"),
    ("measures", ("measures", 0, "domains"), ["piracy"],
     r"item 'restrict_bidding': field 'domains': unknown domain 'piracy'"),
    ("departments", ("departments", 1, "code"), "public_security",
     r"departments\.json: item 'public_security': field 'code': the code is used twice"),
    ("regimes", ("regimes", 2, "publication", "serious"), DELETE,
     r"regimes\.json: item 'ndrc_order_58': field 'publication\.serious': is missing"),
    ("regimes", ("regimes", 3, "effective_from"), "2025-06-31",
     r"item 'state_council_2025_22': field 'effective_from': must be a date"),
    ("regimes", ("regimes", 0, "publication", "general", "min_months"), 24,
     r"field 'publication\.general\.min_months': 24 exceeds max_months 12"),
    ("regimes", ("regimes", 0, "unconfirmed"), ["weather"],
     r"field 'unconfirmed': names no regime figure: 'weather'"),
    ("measures", ("measures", 0, "purposes"), ["bribery"],
     r"field 'purposes': unknown value 'bribery'"),
    ("measures", ("measures", 0, "list_types"), ["red"],
     r"field 'list_types': rewards apply to the red list only"),
    ("domains", ("domains", 18), DELETE,
     r"domains\.json: expected exactly 19 domains, found 18"),
    ("domains", ("domains", 1, "number"), 1,
     r"item 'online_rumours': field 'number': number 1 is repeated"),
    ("domains", ("domains", 0, "lead_unit"), ["public_security"],
     r"field 'lead_unit': is not a known field"),
    ("departments", ("departments", 3, "name_zh"), 7,
     r"item 'court': field 'name_zh': must be a string"),
    ("measures", ("version",), DELETE,
     r"measures\.json: field 'version': is missing"),
    ("regimes", ("special_lists", 0, "departments"), ["ministry_of_magic"],
     r"regimes\.json: item 'court_defaulters': field 'departments': unknown department"),
    ("regimes", ("special_lists", 0, "list_type"), "red",
     r"item 'court_defaulters': field 'list_type': the red list has no periods of its own"),
    ("regimes", ("list_severities", 1, "severities"), ["grave"],
     r"field 'severities': unknown value 'grave'"),
    ("measures", ("penalty_kinds", 0, "early_stop"), "yes",
     r"item 'warning': field 'early_stop': must be true or false"),
    ("departments", ("departments", 11, "successor"), "ministry_of_magic",
     r"item 'industry_commerce': field 'successor': unknown successor 'ministry_of_magic'"),
    ("departments", ("departments", 12, "valid_from"), "2019-06-01",
     r"item 'industry_commerce': field 'successor': 'market_regulation' begins on 2019-06-01"),
    ("departments", ("departments", 47, "level"), DELETE,
     r"item 'market_regulation@320812': field 'county': a county unit names its county"),
    ("departments", ("departments", 11, "valid_to"), DELETE,
     r"item 'industry_commerce': field 'successor': a unit with a last day names its successor"),
    ("counties", ("counties", 0, "code"), "32081",
     r"counties\.json: item '32081': field 'code': a GB/T 2260 code has 6 digits"),
    ("counties", ("counties", 7, "successor"), "999999",
     r"counties\.json: item '320802': field 'successor': unknown county '999999'"),
]  # fmt: skip


def _copy_with(tmp_path: Path, file: str, path: tuple[Any, ...] = (), value: Any = None) -> Path:
    for shipped in DEFAULT_DIRECTORY.glob("*.json"):
        shutil.copy(shipped, tmp_path / shipped.name)
    if path:
        target = tmp_path / f"{file}.json"
        document = json.loads(target.read_text(encoding="utf-8"))
        node = document
        for step in path[:-1]:
            node = node[step]
        if value is DELETE:
            del node[path[-1]]
        else:
            node[path[-1]] = value
        target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return tmp_path


class TestBrokenFiles:
    def test_bad_json_names_the_file_and_the_line(self, tmp_path: Path) -> None:
        folder = _copy_with(tmp_path, "measures")
        (folder / "measures.json").write_text('{"version": 1,\n  "measures": [', encoding="utf-8")
        with pytest.raises(ReferenceDataError, match=r"measures\.json: invalid JSON at line 2"):
            load_reference_data(folder)

    def test_a_missing_file(self, tmp_path: Path) -> None:
        folder = _copy_with(tmp_path, "regimes")
        (folder / "regimes.json").unlink()
        with pytest.raises(ReferenceDataError, match=r"regimes\.json: file not found"):
            load_reference_data(folder)

    @pytest.mark.parametrize(("file", "path", "value", "message"), BROKEN)
    def test_a_broken_file_stops_the_load(
        self, tmp_path: Path, file: str, path: tuple[Any, ...], value: Any, message: str
    ) -> None:
        with pytest.raises(ReferenceDataError, match=message):
            load_reference_data(_copy_with(tmp_path, file, path, value))


def test_the_severities_each_list_takes_say_which_choice_is_ours() -> None:
    """A blacklist is serious, a red list has none; the focus list's general is our choice."""
    data = load_reference_data()
    assert data.severities_of(ListType.BLACKLIST) == {Severity.SERIOUS}
    assert data.severities_of(ListType.RED) == frozenset()
    ours = {allowed.list_type for allowed in data.list_severities if allowed.ours}
    assert ours == {ListType.FOCUS}
    assert not data.penalty_kind("licence_revocation").early_stop
