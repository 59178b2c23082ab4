"""The quarterly progress sheet of the seed (工作进度表), filled from the statistics.

Each lead unit reports, for every domain it leads: the annual target, the problem list (what is
open and what is overdue) and the measures taken and results reached in the period.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from application.governance_figures import DomainFigures, GovernanceReport, Target
from domain.governance import TARGET_RATE, Period

TITLE = "淮安市集中治理诚信缺失突出问题工作进度表"
COLUMNS = ("序号", "治理项目", "年度治理目标", "问题清单", "具体举措和实际成效")
QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
DEFAULT_GOAL = "19个领域黑名单、重点关注名单治理全覆盖"


@dataclass(frozen=True)
class ProgressRow:
    number: int
    project: str
    goal: str
    problems: str
    measures: str


@dataclass(frozen=True)
class ProgressSheet:
    unit: str
    unit_name: str
    period: Period
    cutoff: date
    rows: list[ProgressRow]

    @property
    def title(self) -> str:
        return TITLE

    @property
    def quarter_label(self) -> str:
        return "全年" if self.period.quarter is None else QUARTER_NAMES[self.period.quarter]


def percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def goal_text(target: Target | None) -> str:
    if target is None:
        return f"{DEFAULT_GOAL}，治理率不低于{TARGET_RATE * 100:.0f}%"
    goal = f"{target.goal}；" if target.goal else ""
    return f"{goal}治理率不低于{target.rate * 100:.0f}%"


def problems_text(figures: DomainFigures) -> str:
    c = figures.counts
    return "\n".join(
        (
            f"1. 在册黑名单、重点关注名单主体{c.listed}个，尚未治理{c.listed - c.governed}个；",
            f"2. 在办案件{c.open_cases}件，其中陈述申辩期满待决定{c.overdue_cases}件；",
            f"3. 待处理异议{c.open_objections}件，其中逾期{c.overdue_objections}件；",
            f"4. 待办信用修复申请{c.open_repairs}件，其中逾期{c.overdue_repairs}件。",
        )
    )


def measures_text(figures: DomainFigures, cutoff: date) -> str:
    c = figures.counts
    reached = "达到" if figures.meets_target else "未达到"
    if c.published_timely_share is None:
        published = "4. 本期无新公示的信用信息；"
    else:
        published = (
            f"4. 本期公示信用信息{c.published}条，7个工作日内公示{c.published_timely}条"
            f"（及时率{percent(c.published_timely_share)}）；"
        )
    return "\n".join(
        (
            f"1. 本期立案{c.cases_opened}件，作出列入决定{c.listings}项"
            f"（黑名单{c.decided_blacklist}项、重点关注名单{c.decided_focus}项、"
            f"红名单{c.decided_red}项、行政处罚{c.decided_penalty}项）；",
            f"2. 实施联合奖惩措施{c.measures_applied}项；",
            f"3. 受理信用修复申请{c.repairs_filed}件，修复完成{c.repairs_approved}件；",
            published,
            f"5. 截至{cutoff:%Y年%m月%d日}治理率{percent(c.rate)}，{reached}年度目标"
            f"（{percent(figures.target)}）。",
        )
    )


def progress_sheet(
    unit: str, unit_name: str, report: GovernanceReport, targets: Mapping[str, Target]
) -> ProgressSheet:
    rows = [
        ProgressRow(
            number=number,
            project=f"开展{figures.domain.name_zh}专项治理",
            goal=goal_text(targets.get(figures.domain.code)),
            problems=problems_text(figures),
            measures=measures_text(figures, report.cutoff),
        )
        for number, figures in enumerate(report.domains, start=1)
    ]
    return ProgressSheet(unit, unit_name, report.period, report.cutoff, rows)
