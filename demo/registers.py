"""The demo city's licences and credit commitments (双公示): a few of each, issued or taken by
the officers of the city's units, one commitment broken (with its case) and one fulfilled, so
the public site's 公示类型 filter has something to show under each kind."""

from __future__ import annotations

import random
from datetime import date, timedelta

from application.accounts import Principal
from application.commitments import BreakCommitment, CommitmentService, RecordCommitment
from application.licences import LicenceService, RecordLicence
from domain.base import acting_as
from domain.subject import Subject

LICENCES = 24
COMMITMENTS = 16
LICENCE_KINDS = ("普通", "特许", "认可", "核准", "登记")
CONTENTS = ("经营许可", "生产许可", "排污许可", "道路运输经营许可", "建筑施工许可")
MATTERS = ("纳税信用承诺", "安全生产承诺", "产品质量承诺", "按期履约承诺")
PROMISE = "本单位承诺所提交材料真实有效，依法诚信经营，如有违反，愿接受相应处理并承担法律责任。"


def record_registers(
    licences: LicenceService,
    commitments: CommitmentService,
    officers: dict[str, Principal],
    subjects: list[Subject],
    today: date,
    rng: random.Random,
) -> None:
    units = sorted(officers)
    for number in range(min(LICENCES, len(subjects))):
        officer = officers[rng.choice(units)]
        decided = today - timedelta(days=rng.randrange(1, 400))
        valid_to = decided + timedelta(days=365 * rng.choice((1, 3, 5)))
        licence = RecordLicence(
            subject_id=subjects[number].id,
            licence_no=f"淮许〔{decided.year}〕{number + 1}号",
            kind=rng.choice(LICENCE_KINDS),
            content=rng.choice(CONTENTS),
            decision_date=decided,
            valid_from=decided,
            valid_to=valid_to,
            department=str(officer.department),
        )
        with acting_as(officer.actor):
            licences.record(officer, licence)
    taken = subjects[-COMMITMENTS:]
    for number, subject in enumerate(taken):
        officer = officers[rng.choice(units)]
        signed = today - timedelta(days=rng.randrange(1, 200))
        promise = RecordCommitment(
            subject.id, rng.choice(MATTERS), PROMISE, signed, str(officer.department)
        )
        with acting_as(officer.actor):
            made = commitments.record(officer, promise)
            if number == 0:
                breach = BreakCommitment(made.id, "承诺后仍未按期履行义务", today)
                commitments.breach(officer, breach)
            elif number == 1:
                commitments.fulfil(officer, made.id)
