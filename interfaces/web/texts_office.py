"""The words of the audit pages and the credit office dashboard: (中文, English)."""

from __future__ import annotations

Pair = tuple[str, str]

AUDIT: dict[str, Pair] = {
    "audit.title": ("审计回放", "Audit"),
    "audit.intro": (
        "按时间顺序查看任一信用主体的全部事件，回看任一时刻的状态与公示内容。",
        "Every event about a subject in order; the state and the public site at any moment.",
    ),
    "audit.pick": ("选择信用主体", "Pick a subject"),
    "audit.pick.hint": (
        "输入18位统一社会信用代码或居民身份证号码",
        "A USCC or resident ID, 18 characters",
    ),
    "audit.pick.go": ("查看时间线", "Open the timeline"),
    "audit.unknown": (
        "没有关于该证件号码的任何记录。",
        "Nothing is recorded about this identifier.",
    ),
    "audit.recorded": (
        "每一次审计查询本身也会被记录（查询人、内容、时间）。",
        "Every audit read is itself recorded.",
    ),
    "audit.timeline": ("事件时间线", "Timeline"),
    "audit.events": ("共 {n} 个事件", "{n} events"),
    "audit.day": ("回看日期", "Date"),
    "audit.at": ("时间", "Time"),
    "audit.asof.go": ("回看", "Show"),
    "audit.now": ("当前", "Now"),
    "audit.later": ("灰色事件发生在所选时刻之后。", "Greyed events were recorded after it."),
    "audit.state": ("{moment} 时的状态", "State at {moment}"),
    "audit.state.none": ("该时刻尚未登记此主体。", "Not yet registered then."),
    "audit.disclosure": ("{moment} 时的公示内容", "Public site at {moment}"),
    "audit.disclosure.none": ("该时刻公示网站未展示该主体的信息。", "Nothing was shown then."),
    "audit.system": ("系统", "System"),
    "audit.entries": ("{n} 条", "{n}"),
    "audit.integrity": ("数据完整性核验", "Integrity check"),
    "audit.integrity.intro": (
        "逐条核对所有已存储事件的封存链，发现篡改、删除或插入即指出第一处。",
        "Checks every stored event against its seal and names the first break.",
    ),
    "audit.integrity.go": ("开始核验", "Run the check"),
    "audit.integrity.again": ("重新核验", "Check again"),
    "audit.integrity.ok": ("核验通过：", "Intact:"),
    "audit.integrity.bad": ("发现异常：", "Broken:"),
    "audit.integrity.checked": ("共核验 {n} 个事件。", "{n} events checked."),
    "audit.integrity.how": (
        "每个事件写入时都与前一个事件的封存值相连，任何改动都会使其后的链条失效。",
        "Each event is sealed together with the one before it.",
    ),
    "audit.position": ("位置", "Position"),
    "audit.problem": ("问题", "Problem"),
    "audit.aggregate_id": ("记录编号", "Record id"),
    "audit.version": ("版本", "Version"),
}

DASHBOARD: dict[str, Pair] = {
    "dash.title": ("诚信缺失突出问题治理统计", "Governance statistics"),
    "dash.period": ("{year}年{quarter}", "{year}, {quarter}"),
    "dash.q0": ("全年", "whole year"),
    "dash.q1": ("第一季度", "Q1"),
    "dash.q2": ("第二季度", "Q2"),
    "dash.q3": ("第三季度", "Q3"),
    "dash.q4": ("第四季度", "Q4"),
    "dash.asof": ("数据截至 {day}", "as of {day}"),
    "dash.year": ("年份", "Year"),
    "dash.quarter": ("季度", "Quarter"),
    "dash.show": ("查看", "Show"),
    "dash.meeting": ("达到年度治理目标的领域", "Domains at their year's target"),
    "dash.open_cases": ("在办案件", "Open cases"),
    "dash.waiting": ("待处理异议与修复", "Objections and repairs open"),
    "dash.col.waiting": ("待处理异议/修复", "Open objections/repairs"),
    "dash.overdue": ("逾期事项", "Overdue"),
    "dash.chart.title": ("各领域治理率", "Governance rate by domain"),
    "dash.chart.note": (
        "在册黑名单和重点关注名单 {listed} 条，已治理 {governed} 条"
        "（整改经认定部门核实，或已信用修复；撤销的不计，期满不算治理）",
        "{listed} black- and focus-list entries in force, {governed} governed (rectification "
        "verified by the deciding department, or repaired; revoked ones left out, expiry is "
        "not governance)",
    ),
    "dash.target": ("目标 {rate}%", "target {rate}%"),
    "dash.legend.ok": ("达到目标", "At target"),
    "dash.legend.low": ("低于目标", "Below target"),
    "dash.legend.target": ("80%治理率目标线", "80 % target"),
    "dash.legend.none": ("无数据（本期无在册名单）", "No data (nothing listed)"),
    "dash.none": ("无数据", "no data"),
    "dash.table": ("分领域明细", "By domain"),
    "dash.listed": ("在册名单", "Listed"),
    "dash.col.target": ("年度目标", "Target"),
    "dash.governed": ("已治理", "Governed"),
    "dash.rate": ("治理率", "Rate"),
    "dash.sheets": ("工作进度表下载", "Progress sheets"),
    "dash.sheets.note": (
        "各牵头单位按季度报送的工作进度表（XLSX），数据直接取自事件记录。",
        "Each lead unit's quarterly sheet (XLSX), filled from the events.",
    ),
    "dash.sheets.who": (
        "工作进度表由市信用办管理员或牵头单位经办人员下载。",
        "The credit office and each lead unit's officers download the sheets.",
    ),
    "dash.sheets.none": (
        "本部门不是任何治理领域的牵头单位。",
        "Your department leads no governance domain.",
    ),
}
