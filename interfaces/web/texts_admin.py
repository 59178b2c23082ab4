"""The words of the administrator's accounts page: (中文, English)."""

from __future__ import annotations

Pair = tuple[str, str]

ADMIN: dict[str, Pair] = {
    "admin.accounts": ("账号管理", "Accounts"),
    "admin.accounts.intro": (
        "创建、停用账号，重置密码，调整部门经办人员的所在部门；每项变更都记入该账号的历史。",
        "Create and disable accounts, reset passwords, move officers between departments; every "
        "change is recorded in the account's history.",
    ),
    "admin.accounts.all": ("全部账号（{n}）", "All accounts ({n})"),
    "admin.create": ("创建账号", "Create an account"),
    "admin.create.go": ("创建", "Create"),
    "admin.password.initial": ("初始密码", "Initial password"),
    "admin.password.new": ("新密码", "New password"),
    "admin.password.hint": (
        "至少10个字符，不能与用户名相同，不能是常见密码",
        "At least 10 characters, not the username, not a common password",
    ),
    "admin.department.none": ("无（非部门经办人员）", "None (not an officer)"),
    "admin.department.hint": ("部门经办人员必选", "Required for officers"),
    "admin.subject": ("信用主体的证件号码", "The credit subject's identifier"),
    "admin.subject.hint": (
        "仅“信用主体”角色填写：该主体已登记的统一社会信用代码或证件号码",
        "Credit subject accounts only: the subject's registered identifier",
    ),
    "admin.history": ("账号历史", "Account history"),
    "admin.by": ("操作人：{actor}", "By {actor}"),
    "admin.reset": ("重置密码", "Reset the password"),
    "admin.reset.go": ("重置密码", "Reset"),
    "admin.move": ("调整所在部门", "Move to another department"),
    "admin.move.to": ("新的所在部门", "New department"),
    "admin.move.go": ("调整", "Move"),
    "admin.disable": ("停用账号", "Disable the account"),
    "admin.disable.note": (
        "停用后该账号不能再登录，已签发的令牌立即作废；账号的历史保留。",
        "A disabled account cannot sign in and its tokens stop working; its history stays.",
    ),
    "admin.disable.confirm": ("确定停用账号 {username}？", "Disable {username}?"),
    "admin.disable.go": ("停用", "Disable"),
    "admin.disabled": ("该账号已停用。", "This account is disabled."),
}
