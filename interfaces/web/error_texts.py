"""The refusals in words: each stable error code of `domain.errors` (with the rule's
field or reason where that says more) as (中文, English), keyed by code so the Chinese stays
right when the API's English wording changes. English pages show the API's own message."""

from __future__ import annotations

Pair = tuple[str, str]

ERRORS: dict[str, Pair] = {
    "domain_error": ("操作未能完成，请核对后重试", "The request was refused"),
    "validation_error": ("填写内容有误，请核对", "Some input is not valid"),
    "invalid_identifier": ("证件号码校验不通过，请核对后重新填写", "The identifier is not valid"),
    "invalid_encoding": (
        "文件编码不一致或无法识别，请将整个文件另存为 UTF-8 或 GB18030 编码",
        "The file is not in one encoding, UTF-8 or GB18030",
    ),
    "not_found": ("记录不存在或已不可查看", "Not found"),
    "conflict": ("与已有记录冲突", "Conflict with an existing record"),
    "duplicate_subject": ("该证件号码的信用主体已经登记", "This subject is already registered"),
    "invalid_state": (
        "该记录当前的状态不允许此操作，请刷新页面查看最新进展",
        "The record's state does not allow this",
    ),
    "version_conflict": (
        "他人刚刚修改了这条记录，请刷新页面后重试",
        "Someone else changed this record; reload and try again",
    ),
    "forbidden": ("您无权进行此操作", "You may not do this"),
    "weak_password": (
        "密码过于简单：至少 10 个字符，不能包含用户名，不能是常见密码",
        "The password is too weak",
    ),
    "too_many_attempts": (
        "登录失败次数过多，请 {retry_after} 秒后再试",
        "Too many failed sign-ins: wait and try again",
    ),
    "damaged_record": (
        "该记录的存储数据已损坏，无法读取，请联系系统管理员核查",
        "This record's stored data is damaged and cannot be read",
    ),
    "file_too_complex": (
        "表格过大或过于复杂，无法导入：请拆分后再导入",
        "The spreadsheet is too large or complex to import",
    ),
    "invalid_checkpoint": ("检查点文件无效或签名不符", "The checkpoint is not valid"),
    "forbidden_domain": (
        "本部门不是“{domain}”领域的牵头或参与单位，不能办理",
        "Your department does not act in this domain",
    ),
    "rule_refused": ("不符合办理规则", "Refused by a rule"),
    "duplicate_entry": ("该决定书已登记过此名单记录", "This decision is already recorded"),
    "duplicate_licence": ("该许可证书编号已登记", "This licence number is already recorded"),
    "duplicate_commitment": ("该信用承诺已登记", "This commitment is already recorded"),
    "objection_open": ("该记录已有正在处理的异议", "An objection is already open"),
    "repair_open": ("该记录已有正在办理的信用修复申请", "A repair application is already open"),
    "dishonesty_active": (
        "该主体有正在生效的失信记录，不得列入红名单",
        "The subject has an active dishonesty entry: no red listing",
    ),
    "severity_not_allowed": (
        "名单类型与失信程度不相符：黑名单仅限严重，重点关注名单仅限一般，红名单不设失信程度",
        "The list does not take that severity",
    ),
    "not_repairable_by_rule": (
        "依规定该记录不可提前修复，不能改为可修复",
        "The rules make this entry not repairable",
    ),
    "minor_protected": (
        "未成年人（决定日不满18周岁）不得列入黑名单或重点关注名单",
        "A minor is never blacklisted or focus-listed",
    ),
    "notice_required": (
        "列入黑名单或重点关注名单前，须先送达告知书",
        "Serve notice before deciding a black or focus listing",
    ),
    "statement_period_open": (
        "陈述申辩期至 {statement_deadline} 止；期满或收到陈述申辩后方可作出列入决定",
        "The statement period is still open",
    ),
    "evidence_unconfirmed": (
        "尚有上传的证明材料未经核验（确认或不予认可），不能准予修复",
        "Every uploaded evidence file must be checked before approval",
    ),
    "training_required": (
        "该严重失信记录按其适用的规则须提交信用修复培训证明",
        "A credit-training certificate is required for this entry",
    ),
    "file_too_large": ("单个文件不能超过 20 MiB", "A file is at most 20 MiB"),
    "unsupported_media_type": (
        "只接受 PDF、OFD、JPEG 或 PNG 文件，且文件内容须与其类型相符",
        "Only PDF, OFD, JPEG or PNG files whose content matches their type",
    ),
    "decision_before_notice": (
        "决定日期不能早于告知书送达日期（{served_on}）",
        "The decision date is before the notice was served",
    ),
    "commitment_required": ("申请信用修复须签署信用承诺书", "A signed commitment is required"),
    "repair_not_eligible": ("该记录暂不符合信用修复条件", "Not eligible for repair"),
    "measure_not_applicable": ("该措施不适用于此类名单记录", "The measure does not apply"),
    "sheet_incomplete": (
        "请先填写每个治理项目的问题清单和具体举措和实际成效",
        "Write the problems and the measures of every row first",
    ),
    "no_regime_in_force": ("该日期没有适用的公示规则", "No rule regime in force on that date"),
    "department_not_in_force": (
        "决定日期时该部门不在存续期内",
        "The department did not exist on the decision date",
    ),
    "csrf": ("页面已过期，请返回刷新后重新提交", "The page has expired; reload and try again"),
    "invalid_credentials": ("用户名或密码错误", "Wrong username or password"),
}

FIELD_ERRORS: dict[tuple[str, str | None], Pair] = {
    ("validation_error", "name"): ("名称不能为空，且不超过200个字", "Name is empty or too long"),
    ("validation_error", "served_on"): ("送达日期不能晚于今天", "Served on cannot be future"),
    ("validation_error", "statement_days"): (
        "陈述申辩期为1至60个工作日",
        "The statement period is 1 to 60 working days",
    ),
    ("validation_error", "decision_date"): ("决定日期不能晚于今天", "Cannot be in the future"),
    ("validation_error", "decision_no"): ("请填写决定书文号", "The decision number is required"),
    ("validation_error", "department"): ("请选择有效的部门", "Unknown department"),
    ("validation_error", "domain"): ("请选择有效的领域", "Unknown domain"),
    ("validation_error", "measure"): ("请选择有效的措施", "Unknown measure"),
    ("validation_error", "list_type"): (
        "作出列入决定须选择名单类型和失信程度",
        "A listing needs a list and a severity",
    ),
    ("validation_error", "severity"): (
        "作出列入决定须选择名单类型和失信程度",
        "A listing needs a list and a severity",
    ),
    ("validation_error", "obligations_evidence"): (
        "请至少列出一项已履行义务的证明材料",
        "Name at least one piece of evidence",
    ),
    ("validation_error", "received_on"): (
        "收到日期不能晚于今天，也不能早于告知书送达日期（或信用信息的决定日期）",
        "Not in the future, and not before the notice or the decision",
    ),
    ("validation_error", "external_ref"): (
        "其他系统作出的决定须填写其在该系统中的编号",
        "Name the decision's reference in the other system",
    ),
    ("validation_error", "performed_on"): ("整改日期不能晚于今天", "Cannot be in the future"),
    ("validation_error", "outcome"): (
        "异议不成立时不能更正或撤销信息",
        "A rejected objection neither corrects nor revokes",
    ),
    ("validation_error", "correction"): ("该项信息不能更正", "That field cannot be corrected"),
    ("validation_error", "as_of"): ("请填写有效的日期和时间", "Not a valid moment"),
    ("validation_error", "objection_id"): ("该异议不属于此记录", "Not an objection of this entry"),
    ("validation_error", "year"): ("年份超出范围", "Year out of range"),
    ("validation_error", "quarter"): ("季度为1至4", "The quarter is 1 to 4"),
    ("validation_error", "unit"): ("该单位不是任何领域的牵头单位", "Not a lead unit"),
    ("validation_error", "cursor"): ("翻页参数无效", "Invalid page cursor"),
    ("validation_error", "fix_severity"): ("请选择有效的失信程度", "Choose a severity"),
    ("invalid_identifier", "identifier"): (
        "证件号码校验不通过：请核对18位统一社会信用代码或居民身份证号码",
        "The identifier fails its check: a valid USCC or resident ID is 18 characters",
    ),
}

REASON_ERRORS: dict[tuple[str, str | None], Pair] = {
    ("department_not_in_force", "superseded"): (
        "{department}存续至{valid_to}，其职责由{successor}承接：请以{successor}名义作出决定",
        "The department had ceased on that date: decide as its successor",
    ),
    ("department_not_in_force", "not_established"): (
        "决定日期时{department}尚未设立或已撤销",
        "The department did not exist on the decision date",
    ),
    ("invalid_identifier", "length"): (
        "证件号码校验不通过：位数不对",
        "The identifier has the wrong length",
    ),
    ("invalid_identifier", "characters"): (
        "证件号码校验不通过：含有不允许的字符",
        "The identifier has characters it may not have",
    ),
    ("invalid_identifier", "date"): (
        "证件号码校验不通过：出生日期不存在或晚于今天",
        "The birth date in it is not a possible date",
    ),
    ("invalid_identifier", "region"): (
        "证件号码校验不通过：行政区划（或国籍）代码不存在",
        "Its region or nationality code does not exist",
    ),
    ("invalid_identifier", "check"): (
        "证件号码校验不通过：校验码不正确，请核对是否有输错",
        "Its check character does not match",
    ),
    ("repair_not_eligible", "min_period_not_elapsed"): (
        "最短公示期未满，{earliest_date} 起方可申请信用修复",
        "The minimum period is not over",
    ),
    ("repair_not_eligible", "not_repairable"): ("该记录不可提前修复", "Not repairable"),
    ("repair_not_eligible", "not_active"): ("该记录已不在公示期内，无需修复", "Not active"),
    ("repair_not_eligible", "barred"): (
        "此前因提供虚假材料被不予修复，{earliest_date} 前不得再次申请",
        "Barred after false materials",
    ),
}

# A refusal without a named field that still belongs to one input of its form.
CODE_FIELDS: dict[str, str] = {
    "commitment_required": "commitment_signed",
    "invalid_identifier": "identifier",
    "duplicate_subject": "identifier",
    "duplicate_entry": "decision_no",
    "duplicate_licence": "licence_no",
    "minor_protected": "list_type",
    "dishonesty_active": "list_type",
    "decision_before_notice": "decision_date",
    "severity_not_allowed": "severity",
    "not_repairable_by_rule": "repairable",
    "measure_not_applicable": "measure_code",
}

INPUT_ERRORS: dict[str, Pair] = {
    "default": ("填写有误", "Not valid"),
    "missing": ("此项为必填项", "Required"),
    "string_too_short": ("此项为必填项", "Required"),
    "string_too_long": ("不能超过 {max_length} 个字", "Too long"),
    "too_long": ("最多 {max_length} 项", "Too many items"),
    "date_parsing": ("请填写有效日期（年-月-日）", "Not a valid date"),
    "date_from_datetime_parsing": ("请填写有效日期（年-月-日）", "Not a valid date"),
    "date_type": ("请填写有效日期（年-月-日）", "Not a valid date"),
    "literal_error": ("请从列表中选择", "Choose one of the options"),
    "enum": ("请从列表中选择", "Choose one of the options"),
    "uuid_parsing": ("编号格式不正确", "Not a valid id"),
    "int_parsing": ("请填写整数", "Not a whole number"),
    "greater_than_equal": ("不能小于 {ge}", "Too small"),
    "less_than_equal": ("不能大于 {le}", "Too large"),
    "bool_parsing": ("请勾选或取消勾选", "Not a yes or no"),
}
