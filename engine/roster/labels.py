"""What an office calls a role and a kind of unit in its own roster, read from and written to a
workbook (engine.roster.workbook) and shown with a membership change.

`site_admin` is absent on purpose: the site gives it, never a body's roster.
"""

from __future__ import annotations

from engine.core.errors import FieldError

ROLE_NAMES = {
    "convener": "召集人",
    "deputy_convener": "副召集人",
    "office_director": "办公室主任",
    "office_deputy": "办公室副主任",
    "office_staff": "办公室工作人员",
    "member": "成员",
    "liaison": "联络员",
    "backup_liaison": "备用联络员",
    "admin": "管理员",
}
KIND_NAMES = {"member": "成员单位", "guest": "受邀单位", "government": "政府"}
# How people separate several roles in one cell: the Chinese list comma or either comma.
ROLE_SEPARATORS = ("、", "，", ",")

_ROLE_CODES = {name: code for code, name in ROLE_NAMES.items()}
_KIND_CODES = {name: code for code, name in KIND_NAMES.items()}

# The Chinese of each refusal of engine.roster.checks, as the workbook's problems show it.
FIELD_MESSAGES = {
    "required": "此项必填",
    "too_long": "不能超过 {max} 个字",
    "bad_code": "代码须以小写英文字母开头，只含小写字母、数字和 _ . -，共 2 至 40 个字符",
    "bad_username": "用户名须以英文字母开头，只含字母、数字和 _ . -，共 2 至 80 个字符",
    "not_email": "不是有效的电子邮箱地址",
    "not_phone": "不是有效的电话号码（只能有数字、空格、括号、+ 和 -，分机写“转”）",
    "not_a_choice": "不是可选的值",
    "unknown_role": "没有这些角色：{roles}",
    "taken": "已被使用",
    "in_future": "日期不能晚于今天",
}


def role_code(text: str) -> str | None:
    """A role by its Chinese name or its code; None for anything else."""
    text = text.strip()
    if text in ROLE_NAMES:
        return text
    return _ROLE_CODES.get(text)


def kind_code(text: str) -> str | None:
    text = text.strip()
    return text if text in KIND_NAMES else _KIND_CODES.get(text)


def split_roles(text: str) -> list[str]:
    for separator in ROLE_SEPARATORS[1:]:
        text = text.replace(separator, ROLE_SEPARATORS[0])
    return [part.strip() for part in text.split(ROLE_SEPARATORS[0]) if part.strip()]


def role_list(roles) -> str:
    """Roles as a roster writes them, in the order of ROLE_NAMES."""
    return ROLE_SEPARATORS[0].join(name for code, name in ROLE_NAMES.items() if code in roles)


def field_message(error: FieldError) -> str:
    return FIELD_MESSAGES.get(error.code, error.code).format(**error.params)
