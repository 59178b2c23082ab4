"""The pages' own words: (中文, English). Every key used by a template is here in both."""

from __future__ import annotations

from interfaces.web.texts_admin import ADMIN
from interfaces.web.texts_registers import REGISTER_FLASHES, REGISTER_TEXTS
from interfaces.web.texts_staff import STAFF_TEXTS

Pair = tuple[str, str]

COMMON: dict[str, Pair] = {
    "brand": ("诚信", "Chengxin"),
    "brand.sub": ("淮安市社会信用体系建设", "Huai'an social credit system"),
    "skip": ("跳到正文", "Skip to content"),
    "nav.label": ("主菜单", "Main menu"),
    "nav.public": ("信用中国（淮安）", "Credit China (Huai'an)"),
    "nav.workbench": ("工作台", "Workbench"),
    "nav.portal": ("我的信用", "My credit"),
    "nav.audit": ("审计回放", "Audit"),
    "nav.dashboard": ("治理统计", "Dashboard"),
    "nav.accounts": ("账号管理", "Accounts"),
    "lang.label": ("语言", "Language"),
    "signin": ("登录", "Sign in"),
    "signout": ("退出", "Sign out"),
    "footer.owner": (
        "淮安市社会信用体系建设领导小组办公室（市信用办）",
        "Huai'an City Credit Office",
    ),
    "footer.note": (
        "每一项变更都以不可更改的事件记录，可随时回放核查。",
        "Every change is an immutable event that can be replayed at any time.",
    ),
    "error.prefix": ("错误：", "Error: "),
    "error.summary": ("有 {n} 处需要修改", "There is a problem ({n})"),
    "form.fix": ("请根据提示修改后重新提交。", "Please correct the marked fields."),
    "form.required": ("此项为必填项", "Required"),
    "form.submit": ("提交", "Submit"),
    "form.optional": ("选填", "optional"),
    "form.choose": ("请选择", "Choose…"),
    "due.overdue": ("已逾期", "overdue"),
    "due.overdue.note": (
        "部门应在此日期前办理，已超过期限，请尽快处理。",
        "The department owed this by that day and is late: deal with it now.",
    ),
    "due.ready": ("陈述申辩期已满，可以作出决定", "statement period over: may decide now"),
    "due.soon": ("即将到期", "due soon"),
    "due.estimated": ("（按周一至周五估算）", "(estimated Monday to Friday)"),
    "calendar.missing": (
        "尚未载入{year}年节假日安排：该年的期限暂按周一至周五计算，不含节假日和调休。"
        "请管理员载入国务院办公厅的节假日安排通知。",
        "The {year} holiday schedule is not loaded yet: deadlines in {year} are counted Monday "
        "to Friday, without holidays or adjusted workdays. An admin should load the State "
        "Council's holiday notice.",
    ),
    "none": ("暂无", "None"),
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "view": ("查看", "View"),
    "error.title": ("无法完成请求", "This could not be done"),
    "error.back": ("返回上一页", "Go back"),
    "error.role": ("您的账号没有访问此页面的权限。", "Your account may not open this page."),
    "error.too_many": (
        "按证件号码查询过于频繁，请稍后再试。",
        "Too many look-ups by identifier; try again in a minute.",
    ),
    "error.csrf": (
        "页面已过期，请返回刷新后重新提交。",
        "The page has expired; go back, reload and try again.",
    ),
    "error.address": (
        "页面地址不正确或记录不存在。",
        "The address is wrong or the record is gone.",
    ),
    "error.unavailable": (
        "数据库暂时无法连接，请几秒钟后重试。",
        "The database cannot be reached right now; please try again in a few seconds.",
    ),
    "error.crash": (
        "系统暂时无法处理该请求，已记录日志，请稍后再试。",
        "Something went wrong; it has been logged. Try again later.",
    ),
    "signin.title": ("用户登录", "Sign in"),
    "signin.intro": (
        "部门经办人员、信用主体、审计人员和市信用办使用统一账号登录。",
        "Officers, credit subjects, auditors and the credit office sign in here.",
    ),
    "signin.username": ("用户名", "Username"),
    "signin.password": ("密码", "Password"),
    "signin.failed": ("用户名或密码错误。", "Wrong username or password."),
    "signin.who": ("谁使用本系统", "Who uses Chengxin"),
    "signin.who.officer": (
        "立案、告知、作出决定，处理异议和信用修复",
        "cases, notices, decisions, objections and repairs",
    ),
    "signin.who.subject": (
        "查看本单位或本人的信用记录，提出异议和修复申请",
        "your own records, objections and repair applications",
    ),
    "signin.who.auditor": (
        "回放任意主体的完整历史，核验数据完整性",
        "any subject's full history and the store's integrity",
    ),
    "signin.who.admin": (
        "管理账号和参考数据，查看治理统计",
        "accounts, reference data and governance statistics",
    ),
    "signin.public": ("查询公示信息无需登录：", "The public site needs no account:"),
}

PUBLIC: dict[str, Pair] = {
    "public.title": ("信用中国（淮安）", "Credit China (Huai'an)"),
    "public.tagline": (
        "失信惩戒与守信激励信息公示查询",
        "Public search of credit listings: penalties, black, focus and red lists",
    ),
    "public.search.label": ("名称或证件号码", "Name or identifier"),
    "public.search.placeholder": (
        "企业或组织名称中的几个字，或完整的统一社会信用代码",
        "Part of an organisation's name, or its full unified social credit code",
    ),
    "public.search.name": ("自然人姓名", "Natural person's full name"),
    "public.search.name.placeholder": (
        "完整姓名（须同时在上框填写完整证件号码）",
        "A natural person: the full name, with the full ID number above",
    ),
    "public.search.help": (
        "企业和组织：可按名称中的几个字或完整的统一社会信用代码查询。"
        "自然人：为保护个人信息，只能同时填写完整的证件号码（身份证、居住证、永久居留证或护照号码）"
        "和完整姓名查询，不能只按姓名或部分号码查询。",
        "Organisations: by part of the name or the full unified social credit code. Natural "
        "persons: to protect their privacy, only by the full ID number and the full name "
        "together; never by name alone or part of a number.",
    ),
    "public.search.name.alone": (
        "只填写姓名无法查询：请在上框同时填写该自然人完整的证件号码",
        "A name alone finds nothing: enter the person's full ID number above as well",
    ),
    "public.search.go": ("查询", "Search"),
    "public.any.domain": ("全部领域", "All domains"),
    "public.any.list": ("全部名单", "All lists"),
    "public.results": ("查询结果", "Results"),
    "public.latest": ("最新公示", "Latest publications"),
    "public.count.total": ("共 {n} 条公示信息", "{n} public records"),
    "public.count": ("本页 {n} 条", "{n} on this page"),
    "public.more": ("，还有更多", ", more follow"),
    "public.count.page": ("，第 {page} 页，共 {pages} 页", ", page {page} of {pages}"),
    "public.pages": ("分页", "Pages"),
    "public.page.n": ("第 {n} 页", "Page {n}"),
    "public.prev": ("上一页", "Previous"),
    "public.next": ("下一页", "Next"),
    "public.fix_first": (
        "查询条件有误，尚未查询：请按上方提示修改后再查询。",
        "Nothing was searched yet: correct the search above first.",
    ),
    "public.empty": ("没有找到符合条件的公示信息", "No public record matches"),
    "public.empty.asked": ("您查询的是：", "You searched for:"),
    "public.asked.identifier": ("证件号码 {value}", "identifier {value}"),
    "public.asked.name": ("姓名 {value}", "full name {value}"),
    "public.asked.q": ("名称包含“{value}”", "a name containing “{value}”"),
    "public.empty.not_searchable": (
        "不能查询的内容：自然人的姓名和身份证号码在公示中已脱敏，按姓名或部分号码查不到自然人；"
        "查询自然人须同时填写完整证件号码和完整姓名。",
        "What cannot be searched: natural persons' names and ID numbers are masked, so a name or "
        "part of a number never finds a natural person; enter the full ID number and the full "
        "name together.",
    ),
    "public.empty.person": (
        "如果查询的是自然人，请在“自然人姓名”框同时填写其完整姓名。",
        "If this is a natural person, enter the full name as well.",
    ),
    "public.empty.hint": (
        "请检查输入是否正确；已修复、已撤销或公示期满的信息不再公示。",
        "Check what you typed. Repaired, revoked and expired records are no longer shown.",
    ),
    "public.identifier": ("统一社会信用代码/身份证号", "Identifier"),
    "public.department": ("认定部门", "Deciding department"),
    "public.objection": ("异议处理中", "Under objection"),
    "public.objection.hint": (
        "信用主体已对该信息提出异议，认定部门正在核查处理。",
        "The subject has objected to this record; the department is reviewing it.",
    ),
    "public.about": ("关于公示", "About these records"),
    "public.about.text": (
        "公示信息由各认定部门依法作出，在公示期内展示；信用修复、撤销或公示期满后自动停止公示。",
        "Records are shown within their publication period and disappear when repaired, "
        "revoked or expired.",
    ),
    "public.masking": (
        "自然人的姓名和身份证号码已作脱敏处理（身份证号码仅显示前两位）。",
        "Names and ID numbers of natural persons are masked (the ID shows its first two "
        "characters only).",
    ),
    "public.detail": ("公示详情", "Record"),
    "table.region": ("表格（可左右滑动）", "Table (scrolls sideways)"),
    "public.detail.note": (
        "如对公示信息有异议，信用主体可登录“我的信用”提出异议。",
        "A subject who disputes a record can object after signing in.",
    ),
    "public.back": ("返回查询", "Back to search"),
    "opendata.title": ("开放数据", "Open data"),
    "opendata.intro": (
        "全部公示信息可免费下载，供第三方信用服务机构使用。",
        "Every public record can be downloaded for third-party credit services.",
    ),
    "opendata.csv": ("下载 CSV（中文表格）", "Download CSV (Chinese)"),
    "opendata.codes": ("下载 CSV（英文代码，供程序使用）", "Download CSV (codes, for programs)"),
    "opendata.codes.note": (
        "列名和取值为英文代码，与开放接口一致",
        "Column names and values as the export API's codes",
    ),
    "opendata.records": ("目前公示 {n} 条信息。", "{n} records are public now."),
    "opendata.changed": ("最近一次变更：{at}（北京时间）。", "Last change: {at} (Beijing time)."),
    "opendata.unchanged": ("尚无公示变更。", "Nothing has been published yet."),
    "opendata.jsonl": ("下载 JSON Lines", "Download JSON Lines"),
    "opendata.more": ("数据说明与变更订阅", "About the data and the change feed"),
    "opendata.csv.note": (
        "中文列名和取值，可用 Excel、WPS 等表格软件直接打开",
        "Chinese column names and values; opens in Excel or WPS",
    ),
    "opendata.jsonl.note": ("每行一条记录，便于程序处理", "One record per line"),
    "opendata.feed": ("变更订阅接口", "Change feed"),
    "opendata.feed.note": (
        "按序号获取新增、更新和撤下的公示信息",
        "Published, updated and withdrawn records in order",
    ),
    "opendata.fields": ("字段说明", "Fields"),
    "opendata.fields.note": (
        "字段与本站展示的内容一致：名单类型、领域、失信程度、主体类型、名称、证件号码（自然人脱敏）、认定部门、决定书文号、决定日期、公示日期、公示截止日期、是否异议中。",
        "The fields are what the site shows: list, domain, severity, subject kind, name, "
        "identifier (masked for natural persons), department, decision number and date, "
        "publication dates and whether an objection is open.",
    ),
}

FLASHES: dict[str, Pair] = {
    "signed_in": ("登录成功。", "Signed in."),
    "signed_out": ("您已安全退出。", "Signed out."),
    "subject_registered": ("信用主体已登记。", "Subject registered."),
    "case_opened": ("已立案。", "Case opened."),
    "evidence_added": ("证据已补充。", "Evidence added."),
    "notice_served": ("告知书已送达，陈述申辩期开始计算。", "Notice served."),
    "statement_received": ("陈述申辩已记录。", "Statement recorded."),
    "decided": ("决定已作出。", "Decision recorded."),
    "case_closed": ("案件已办结。", "Case closed."),
    "entry_recorded": ("名单记录已登记。", "Entry recorded."),
    "measure_applied": ("联合惩戒措施已实施。", "Measure applied."),
    "objection_resolved": ("异议已处理。", "Objection resolved."),
    "entry_revoked": ("记录已撤销，已停止公示。", "Entry revoked."),
    "repair_accepted": ("信用修复申请已处理。", "Application checked."),
    "repair_decided": ("信用修复决定已作出。", "Repair decided."),
    "evidence_checked": ("已记录对该证明材料的核验意见。", "The file's check is recorded."),
    "objection_filed": ("异议已提交，处理期限已显示在记录中。", "Objection filed."),
    "rectification_recorded": ("整改情况已记录。", "Rectification recorded."),
    "rectification_verified": ("整改情况已核实，计入治理。", "Rectification verified."),
    "progress_row_written": ("已保存。", "Saved."),
    "progress_submitted": ("工作进度表已报送市文明办。", "Progress sheet submitted."),
    "progress_returned": ("已退回填报单位。", "Sheet sent back."),
    "target_set": ("年度治理目标已设定。", "Target set."),
    "repair_filed": ("信用修复申请已提交。", "Repair application filed."),
    "repair_withdrawn": ("信用修复申请已撤回。", "Application withdrawn."),
    "account_created": ("账号已创建。", "Account created."),
    "password_reset": (
        "密码已重置，该账号原有的登录令牌已作废。",
        "Password reset; old tokens revoked.",
    ),
    "department_changed": ("所在部门已调整。", "Department changed."),
    "account_disabled": ("账号已停用。", "Account disabled."),
    **REGISTER_FLASHES,
}

TEXTS: dict[str, Pair] = {**COMMON, **PUBLIC, **ADMIN, **STAFF_TEXTS, **REGISTER_TEXTS}
