"""The public site as of a moment: the live rule, under the name the site showed then."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from application.disclosure_as_of import disclosed_as_of
from application.timeline import Stored
from domain.entry import ListEntry
from domain.reference import ListType, Severity
from domain.subject import Subject, SubjectKind

ZHANG_SAN_ID = "11010519491231002X"
LISTED_ON = date(2026, 3, 2)


def listed(subject: Subject) -> ListEntry:
    return ListEntry(
        subject_id=subject.id,
        subject_kind=subject.kind,
        subject_name=subject.name,
        identifier=subject.identifier,
        list_type=ListType.BLACKLIST,
        domain="telecom_fraud",
        severity=Severity.GENERAL,
        department="public_security",
        legal_basis="《反电信网络诈骗法》第三十八条",
        decision_no="淮公罚〔2026〕7号",
        decision_date=LISTED_ON,
        repairable=True,
        case_id=None,
        regime="ndrc_order_36",
        min_end=date(2026, 6, 2),
        max_end=date(2027, 3, 2),
        publishable=True,
        publish_deadline=date(2026, 3, 11),
        recorded_on=LISTED_ON,
    )


def test_the_name_shown_is_the_latest_of_rename_and_correction_at_that_moment() -> None:
    person = Subject.register(SubjectKind.NATURAL_PERSON, ZHANG_SAN_ID, "张三")
    entry = listed(person)
    entry.publish(LISTED_ON)
    log = [*person.collect_events(), *entry.collect_events()]  # registered, listed, published
    person.rename("李四")
    log += person.collect_events()
    objection = uuid4()
    entry.file_objection(objection, "名字错了", LISTED_ON, date(2026, 3, 20))
    entry.resolve_objection(objection, True, "更正", LISTED_ON, {"subject_name": "王五"})
    log += entry.collect_events()  # objection filed, resolved, corrected
    stored = [Stored(position, event) for position, event in enumerate(log, start=1)]

    def names_shown(last: int, day: date = LISTED_ON) -> list[str]:
        upto = stored[:last]
        streams = [[s for s in upto if s.event.originator_id == a] for a in (person.id, entry.id)]
        return [r.subject_name for r in disclosed_as_of([s for s in streams if s], day)]

    assert names_shown(2) == []  # listed, not yet published
    assert names_shown(3) == ["张*"]
    assert names_shown(4) == ["李*"]
    assert names_shown(len(log)) == ["王*"]
    assert names_shown(len(log), day=date(2027, 3, 2)) == []  # past its window
