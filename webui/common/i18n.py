"""The interface speaks Chinese first; English comes from the catalogue in translations/en.

Messages are written in Chinese in the code and templates (the zh_CN text is the msgid), and
form definitions carry both languages in their labels.
"""

from __future__ import annotations

from flask import Flask, request, session
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from engine.core.errors import FieldError

LOCALES = ("zh_CN", "en")

_FIELD_ERRORS = {
    "required": _l("此项必填。"),
    "too_long": _l("不能超过 %(max)s 个字。"),
    "too_short": _l("至少需要 %(min)s 个字符。"),
    "not_text": _l("请输入文字。"),
    "not_integer": _l("请输入整数。"),
    "too_small": _l("不能小于 %(min)s。"),
    "too_large": _l("不能大于 %(max)s。"),
    "not_date": _l("请输入有效日期（如 2026-12-20）。"),
    "not_datetime": _l("请输入有效的日期和时间。"),
    "in_the_past": _l("不能早于当前时间。"),
    "not_boolean": _l("请选择是或否。"),
    "not_a_choice": _l("请从选项中选择。"),
    "unknown_unit": _l("没有这些单位：%(codes)s。"),
    "not_eligible": _l("此人不能担任该职责。"),
    "unknown_assignee": _l("找不到该单位或人员。"),
    "unknown_role": _l("没有这些角色：%(roles)s。"),
    "taken": _l("该名称已被使用。"),
    "item_shape": _l("第 %(line)s 行：请按“事项内容｜牵头单位代码｜配合单位代码｜完成时限”填写。"),
    "item_unit": _l("第 %(line)s 行：没有这些单位代码：%(codes)s。"),
    "item_due": _l("第 %(line)s 行：完成时限须为日期，如 2026-12-31。"),
    "indicator_line": _l("第 %(line)s 行：请按“指标代码｜数值”填写。"),
    "indicator_unknown": _l("第 %(line)s 行：本单位本期不填报指标 %(code)s。"),
    "indicator_number": _l("第 %(line)s 行：数值须为数字，如 92.5。"),
    "indicator_members": _l("第 %(line)s 行：请填写“达到目标的个数/总数”，如 11/12。"),
    "plan_finished": _l("方案已完成，不再派发。"),
    "plan_shape": _l("第 %(line)s 行：请按“工作事项｜负责人｜完成月份”填写。"),
    "plan_month": _l("第 %(line)s 行：完成月份须为 1 至 12 月，如 4月 或 2027-04。"),
    "extension_not_later": _l("延期后的时限须晚于现时限 %(due)s。"),
    "file_type": _l("不支持该文件类型，可上传：%(types)s。"),
    "file_empty": _l("请选择要上传的文件。"),
    "file_too_large": _l("文件不能超过 %(max_mb)s MB。"),
    "file_content": _l("文件内容与扩展名 .%(extension)s 不符。"),
    "not_file": _l("请上传文件。"),
    "bad_code": _l("代码须以小写字母开头，由 2 至 40 个小写字母、数字或 _ . - 组成。"),
    "bad_username": _l("用户名须以字母开头，由 2 至 80 个字母、数字或 _ . - 组成。"),
    "not_email": _l("请输入有效的电子邮箱，如 name@example.gov.cn。"),
    "not_phone": _l("请输入有效的电话号码，如 0773-1234567 或 13800000000。"),
    "in_future": _l("生效日期不能晚于今天。"),
    "before_last_change": _l("生效日期不能早于该席位上一次调整（%(day)s）。"),
    "same_person": _l("备用联络员不能与联络员为同一人。"),
    "last_liaison": _l("该单位还有在办事项，不能没有联络员。"),
    "not_of_unit": _l("此人不是该单位的在职人员。"),
    "starter_issues": _l("本单位发起的联合发文，主办单位应为本单位。"),
    "last_holder": _l("本联席会议只有这一位%(role)s，请先让另一人担任。"),
    "open_tasks": _l("还有 %(count)s 项在办事项未移交。"),
    "not_an_item": _l("没有第 %(numbers)s 项议定事项（共 %(count)s 项）。"),
    "not_item_numbers": _l("请从列出的事项中选择。"),
    "unknown_item": _l("没有第 %(numbers)s 项（共列出 %(count)s 项）。"),
    "not_disputed": _l("第 %(line)s 行：第 %(number)s 项不是分歧事项。"),
    "decided_twice": _l("第 %(number)s 项已有决定。"),
    "items_undecided": _l("还有分歧事项未作决定：%(numbers)s。"),
    "decision_shape": _l("第 %(line)s 行：请按“序号｜牵头单位代码｜配合单位代码｜完成时限”或“序号｜不督办”填写。"),
    "not_a_name": _l("名称只能用字母、数字和下划线，不能以数字或下划线开头。"),
    "reserved_name": _l("该名称已被 lianxi 或脚本占用，请换一个。"),
    "not_json": _l("请提供 JSON：文字、数字、true/false、列表和对象，最多 %(depth)s 层。"),
}


def field_error_message(error: FieldError) -> str:
    template = _FIELD_ERRORS.get(error.code)
    return str(template) % error.params if template is not None else error.code


def select_locale() -> str:
    chosen = request.args.get("lang") or session.get("lang")
    if chosen in LOCALES:
        return chosen
    return request.accept_languages.best_match(LOCALES, default="zh_CN")


def pick(texts: dict | str | None) -> str:
    """A bilingual label ({"zh_CN": …, "en": …}) in the page's language, Chinese otherwise."""
    if not isinstance(texts, dict):
        return texts or ""
    return texts.get(str(get_locale())) or texts.get("zh_CN") or ""


def init_app(app: Flask) -> None:
    app.jinja_env.filters["pick"] = pick
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())

    @app.before_request
    def _remember_language():
        if request.args.get("lang") in LOCALES:
            session["lang"] = request.args["lang"]
