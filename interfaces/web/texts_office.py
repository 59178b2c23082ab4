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
    "audit.basis": ("回看依据", "Read by"),
    "audit.basis.decided": ("按决定生效日期", "the dates facts took effect"),
    "audit.basis.recorded": ("按系统登记时间", "what was recorded by then"),
    "audit.basis.explained": (
        "“按决定生效日期”显示当天依据各项决定（决定、送达、修复、期满等日期）实际成立的状况，"
        "包括事后补录的历史记录；“按系统登记时间”只显示系统在该时刻已经登记的内容。",
        "“The dates facts took effect” shows what stood that day by the dates of the decisions "
        "(decision, service, repair, expiry), including records entered later; “what was "
        "recorded by then” shows only what the system had recorded at that moment.",
    ),
    "audit.basis.uses.decided": ("依据：按决定生效日期", "Basis: the dates facts took effect"),
    "audit.basis.uses.recorded": ("依据：按系统登记时间", "Basis: what was recorded by then"),
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
    "dash.county": ("范围", "Scope"),
    "dash.county.city": ("全市（含县区）", "Whole city (counties included)"),
    "dash.counties": ("分县区汇总", "By county"),
    "dash.counties.note": (
        "各县区所属单位作出的记录；全市合计另含市级单位的记录。",
        "Records decided by each county's units; the city's totals also hold the city units'.",
    ),
    "dash.counties.name": ("县区", "County"),
    "dash.counties.listings": ("本期决定", "Decisions in period"),
    "dash.counties.total": ("全市合计", "City total"),
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
        "工作进度表由市文明办、市信用办或牵头单位经办人员查看和下载。",
        "The offices and each lead unit's officers read and download the sheets.",
    ),
    "dash.filings": ("工作进度表报送情况", "Progress sheets filed"),
    "dash.filings.note": (
        "{year}年{quarter}的工作进度表，应于 {due} 前报至市文明办（每季度首月10日前报送上季度）。",
        "The sheets of {year} {quarter}, due by {due} "
        "(the 10th of the next quarter's first month).",
    ),
    "dash.filings.city": ("下载全市汇总（每单位一页）", "City workbook (a sheet per unit)"),
    "dash.filings.unit": ("填报单位", "Unit"),
    "dash.filings.status": ("状态", "Status"),
    "dash.filings.at": ("报送时间", "Submitted"),
    "dash.filings.late": ("逾期", "Late"),
    "dash.filings.open": ("查看", "Open"),
    "dash.sheets.write": ("填写本单位工作进度表", "Write this unit's sheet"),
    "dash.targets": ("设定年度治理目标", "Set a year's target"),
    "dash.targets.note": (
        "{year}年各领域的治理率目标（不低于80%）和年度治理目标表述；统计、看板和各单位工作进度表均以此为准。",
        "The {year} target of a domain (at least 80 %) and its goal text: the statistics, this "
        "dashboard and every unit's sheet use it.",
    ),
    "dash.targets.rate": ("目标治理率（%）", "Target rate (%)"),
    "dash.targets.goal": ("年度治理目标", "Goal"),
    "dash.targets.go": ("设定", "Set"),
    "prog.title": ("工作进度表", "Progress sheet"),
    "prog.due": ("报送期限 {day}", "due {day}"),
    "prog.status.draft": ("未报送", "Not submitted"),
    "prog.status.none": ("未填报", "Not started"),
    "prog.status.submitted": ("已报送", "Submitted"),
    "prog.status.returned": ("已退回", "Sent back"),
    "prog.returned": ("市文明办于 {day} 退回，意见：", "Sent back on {day}:"),
    "prog.rows": ("治理项目", "Governance items"),
    "prog.goal": ("年度治理目标", "Annual goal"),
    "prog.problems": ("问题清单", "Problems found"),
    "prog.measures": ("具体举措和实际成效", "Measures taken and results"),
    "prog.suggested": (
        "未填写的栏目预填了系统统计数据，仅供参考：请据实写明排查出的问题、采取的举措和取得的成效后保存。",
        "Unwritten fields start with the computed figures: write the problems found, the measures "
        "taken and their results, then save.",
    ),
    "prog.unwritten": ("尚未保存", "not saved yet"),
    "prog.empty": ("（未填写）", "(not written)"),
    "prog.save": ("保存", "Save"),
    "prog.submit": ("报送市文明办", "Submit to the office"),
    "prog.submit.confirm": (
        "报送后不可修改，除非被退回。确认报送？",
        "Submitted sheets cannot change unless sent back. Submit?",
    ),
    "prog.submissions": ("已报送的文件", "Submitted files"),
    "prog.submissions.none": ("尚未报送。", "Nothing submitted yet."),
    "prog.download.live": ("下载当前表格", "Download as it stands"),
    "prog.return": ("退回修改", "Send back"),
    "prog.comment": ("退回意见", "Comment"),
    "prog.return.go": ("退回", "Send back"),
    "dash.sheets.none": (
        "本部门不是任何治理领域的牵头单位。",
        "Your department leads no governance domain.",
    ),
}
