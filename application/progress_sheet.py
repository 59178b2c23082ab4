"""The plan's quarterly progress sheet (《淮安市集中治理诚信缺失突出问题工作进度表》).

The form (淮文明委〔2018〕14号, after §四): its title with the plan's period, 年份, 季度,
填报单位(盖章) and five columns. One row per domain the unit leads: 治理项目 is the plan's
item title word for word; 年度治理目标 the year's target of that domain (the office's, or
the plan's goal for that year said of the domain); 问题清单 and 具体举措和实际成效 are what
the unit wrote. Figures computed from the records are offered to the unit as a starting text
(`suggested_*`), never written into the sheet in its place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from application.governance_figures import DomainFigures, GovernanceReport, Target
from domain.governance import TARGET_RATE, Period
from domain.progress import RowText
from domain.reference import GovernanceDomain

TITLE = "淮安市集中治理诚信缺失突出问题工作进度表 (2018-2020年)"
COLUMNS = ("序号", "治理项目", "年度治理目标", "问题清单", "具体举措和实际成效")
QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
# The plan's goals (§二 工作目标) by the year they are set for, said of one domain.
PLAN_GOALS = {
    2018: "{name}领域黑名单、重点关注名单治理全覆盖",
    2019: "{name}领域诚信缺失问题治理取得明显成效，失信频发、高发态势得到有效遏制",
    2020: "{name}领域信用体系健全完善，诚信意识普遍增强、诚信环境明显改善、信用水平全面提升",
}
NO_DATA = "无数据"


@dataclass(frozen=True)
class ProgressRow:
    number: int
    domain: str
    project: str
    goal: str
    problems: str
    measures: str
    suggested_problems: str
    suggested_measures: str


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


def percent(share: float | None) -> str:
    return NO_DATA if share is None else f"{share * 100:.1f}%"


def plan_goal(domain: GovernanceDomain, year: int) -> str:
    """The plan's goal for the year (2020's for the years after), said of one domain."""
    return PLAN_GOALS[min(max(year, 2018), 2020)].format(name=domain.name_zh)


def goal_text(domain: GovernanceDomain, year: int, target: Target | None) -> str:
    rate = TARGET_RATE if target is None else target.rate
    goal = target.goal if target is not None and target.goal else plan_goal(domain, year)
    return f"{goal}，治理率不低于{rate * 100:.0f}%"


def problems_text(figures: DomainFigures) -> str:
    c = figures.counts
    return "\n".join(
        (
            f"1. 在册黑名单、重点关注名单{c.listed}条，尚未治理{c.listed - c.governed}条；",
            f"2. 在办案件{c.open_cases}件，其中陈述申辩期满待决定{c.overdue_cases}件；",
            f"3. 待处理异议{c.open_objections}件，其中逾期{c.overdue_objections}件；",
            f"4. 待办信用修复申请{c.open_repairs}件，其中逾期{c.overdue_repairs}件。",
        )
    )


def standing_text(figures: DomainFigures, cutoff: date) -> str:
    rate = figures.counts.rate
    if rate is None:
        return f"5. 截至{cutoff:%Y年%m月%d日}本领域无在册名单，治理率{NO_DATA}。"
    reached = "达到" if figures.meets_target else "未达到"
    return (
        f"5. 截至{cutoff:%Y年%m月%d日}治理率{percent(rate)}，{reached}年度目标"
        f"（{percent(figures.target)}）。"
    )


def measures_text(figures: DomainFigures, cutoff: date) -> str:
    c = figures.counts
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
            standing_text(figures, cutoff),
        )
    )


def progress_sheet(
    unit: str,
    unit_name: str,
    report: GovernanceReport,
    targets: Mapping[str, Target],
    written: Mapping[str, RowText],
) -> ProgressSheet:
    rows = []
    for number, figures in enumerate(report.domains, start=1):
        domain = figures.domain
        text = written.get(domain.code, RowText("", ""))
        rows.append(
            ProgressRow(
                number=number,
                domain=domain.code,
                project=domain.item_zh or f"开展{domain.name_zh}专项治理",
                goal=goal_text(domain, report.period.year, targets.get(domain.code)),
                problems=text.problems,
                measures=text.measures_and_results,
                suggested_problems=problems_text(figures),
                suggested_measures=measures_text(figures, report.cutoff),
            )
        )
    return ProgressSheet(unit, unit_name, report.period, report.cutoff, rows)
