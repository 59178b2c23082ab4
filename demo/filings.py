"""The demo city's progress sheets of the last quarter: some units filed, one only wrote.

So the office's dashboard shows every state: submitted (on time or late, as today falls),
drafted and missing.
"""

from __future__ import annotations

from datetime import date

from application.accounts import Principal
from application.progress import ProgressService
from domain.base import acting_as
from domain.progress import filing_quarter

FILED = ("public_security", "court")
DRAFTED = ("taxation",)
PROBLEMS = "1. 部分失信主体整改不到位，需持续督促；\n2. 信息归集仍有迟报现象。"
MEASURES = "1. 开展专项检查两次，约谈失信主体负责人；\n2. 建立周报制度，按期归集公示。"


def file_sheets(progress: ProgressService, officers: dict[str, Principal], today: date) -> None:
    period = filing_quarter(today)
    if period is None:
        return
    for unit in FILED + DRAFTED:
        officer = officers.get(unit)
        if officer is None:
            continue
        with acting_as(officer.actor):
            for domain in progress.governance.led_domains(officer, unit):
                text = (PROBLEMS, MEASURES)
                progress.write_row(officer, unit, period, domain.code, text)
            if unit in FILED:
                progress.submit(officer, unit, period)
