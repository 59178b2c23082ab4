"""The governance rule (listed, governed) and the progress sheet's due day, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidState, ValidationFailed
from domain.governance import EntryFacts, Period, is_governed, is_listed
from domain.progress import ProgressReport, ReportStatus, filing_quarter, is_late, progress_due

Q2 = Period(2024, 2)
CUTOFF = Q2.end


def facts(**changes: object) -> EntryFacts:
    base: dict[str, object] = {"decision_date": date(2024, 1, 5), "ends_on": date(2027, 1, 5)}
    return EntryFacts(**{**base, **changes})  # type: ignore[arg-type]


def test_an_entry_in_force_in_the_period_is_listed_and_a_revoked_one_is_not() -> None:
    assert is_listed(facts(), Q2, CUTOFF)
    assert not is_listed(facts(revoked=True), Q2, CUTOFF)
    assert not is_listed(facts(decision_date=date(2024, 7, 1)), Q2, CUTOFF)
    assert not is_listed(facts(ends_on=date(2024, 3, 31)), Q2, CUTOFF)  # over before Q2
    assert is_listed(facts(ends_on=date(2024, 4, 2)), Q2, CUTOFF)  # ended within Q2


def test_only_verified_correction_or_repair_governs_and_expiry_does_not() -> None:
    assert not is_governed(facts(), CUTOFF)
    assert not is_governed(facts(ends_on=date(2024, 5, 1)), CUTOFF)  # expired: not governance
    assert is_governed(facts(verified_on=date(2024, 6, 1)), CUTOFF)
    assert not is_governed(facts(verified_on=date(2024, 7, 1)), CUTOFF)  # after the cutoff
    assert is_governed(facts(repaired_on=date(2024, 4, 9)), CUTOFF)


@pytest.mark.parametrize(
    ("quarter", "due"),
    [
        (1, date(2024, 4, 10)),
        (2, date(2024, 7, 10)),
        (3, date(2024, 10, 10)),
        (4, date(2025, 1, 10)),
    ],
)
def test_a_quarters_sheet_is_due_the_10th_of_the_next_quarters_first_month(
    quarter: int, due: date
) -> None:
    assert progress_due(Period(2024, quarter)) == due


def test_the_quarter_being_filed_is_the_last_one_ended() -> None:
    assert filing_quarter(date(2024, 4, 3)) == Period(2024, 1)
    assert filing_quarter(date(2025, 1, 9)) == Period(2024, 4)
    assert filing_quarter(date(2018, 2, 1)) is None


def test_late_means_filed_after_the_due_day_or_missing_past_it() -> None:
    assert not is_late(Q2, date(2024, 7, 10), date(2024, 8, 1))
    assert is_late(Q2, date(2024, 7, 11), date(2024, 8, 1))
    assert not is_late(Q2, None, date(2024, 7, 10))
    assert is_late(Q2, None, date(2024, 7, 11))
    with pytest.raises(ValidationFailed):
        progress_due(Period(2024))


def test_a_submitted_sheet_is_frozen_until_the_office_sends_it_back() -> None:
    report = ProgressReport(unit="public_security", year=2024, quarter=2)
    report.write_row("telecom_fraud", "问题", "举措")
    with pytest.raises(ValidationFailed):
        report.submit("a" * 64, 100, date(2024, 3, 31))  # the quarter has not begun
    with pytest.raises(InvalidState):
        report.send_back("请补充", date(2024, 7, 2))
    report.submit("a" * 64, 100, date(2024, 7, 1))
    with pytest.raises(InvalidState):
        report.write_row("telecom_fraud", "改", "改")
    with pytest.raises(ValidationFailed):
        report.send_back("  ", date(2024, 7, 2))
    report.send_back("请补充具体案例", date(2024, 7, 2))
    assert (report.status, report.comment) == (ReportStatus.RETURNED, "请补充具体案例")
    report.write_row("telecom_fraud", "问题二", "举措二")
    report.submit("b" * 64, 120, date(2024, 7, 3))
    assert [s.sha256[0] for s in report.submissions] == ["a", "b"]
