"""Errors as HTTP answers: a page for people, JSON for the API (webui.api).

Anything unexpected (a bug, a process that failed) is logged with its traceback under a short
id, and the answer shows that id, so a person can quote it to the office and the IT staff can
find the log entry. Never Werkzeug's English page.
"""

from __future__ import annotations

import errno
import logging
import secrets

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from engine.core.errors import LianxiError
from webui.api.responses import error_json, error_response, status_of
from webui.common.security import client_address

log = logging.getLogger(__name__)

_PAGES = {
    400: (_l("请求无效"), _l("页面已过期或请求不完整，请返回重试。")),
    403: (_l("无权操作"), _l("您没有办理此事项的权限。")),
    404: (_l("未找到"), _l("该事项不存在，或不在您的办理范围内。")),
    409: (_l("事项已不可办理"), _l("此事项已办理完毕或已撤销，无需再次操作。请刷新页面查看当前状态。")),
    405: (_l("不支持的操作"), _l("该页面不支持此操作。")),
    413: (_l("内容过大"), _l("提交的内容超过大小限制。")),
    422: (_l("填写有误"), _l("请检查填写的内容。")),
    429: (_l("操作过于频繁"), _l("短时间内的请求过多，请稍等几分钟再试。")),
    500: (_l("流程出错"), _l("流程执行出错，您的操作未被保存。请联系办公室。")),
    503: (_l("暂时无法办理"), _l("系统暂时无法保存或读取数据，您的操作未被保存。请稍后再试；如仍不行，请联系办公室。")),
}
# A 409 says what happened, as far as the error knows: nobody is blamed for a task done by
# the very person reading the page (webui.tasks.routes names who did it, where it knows).
_CONFLICTS = {
    "conflict": (
        _l("内容已被更新"),
        _l("在您操作期间，其他人修改了此事项，您的操作未被保存。请刷新页面查看最新内容后重试。"),
    ),
    "deadline_passed": (_l("征集已截止"), _l("征集已截止，此事项已按流程规定关闭，本次提交未被接受。")),
    "archived": (_l("已归档"), _l("此事项已归档，不能再修改。")),
}
_UNEXPECTED = (_l("系统出错"), _l("系统遇到意外错误，您的操作未被保存。请将出错编号告知办公室。"))
_OTHER_STATUS = (_l("无法办理"), _l("系统无法办理此请求，请返回重试。"))
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)

HTTP_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "too_many_requests",
    500: "internal",
    503: "unavailable",
}


def error_page(status: int, detail: str | None = None, error_id: str | None = None, page=None):  # noqa: ANN001
    title, message = page or _PAGES.get(status, _PAGES[500])
    return render_template(
        "error.html", status=status, title=title, message=message, detail=detail, error_id=error_id
    ), status


def logged(error: BaseException) -> str:
    """The id the traceback is logged under: eight hex digits, short enough to read out."""
    error_id = secrets.token_hex(4)
    log.error("error %s on %s %s", error_id, request.method, request.path, exc_info=error)
    return error_id


def refused(status: int, reason: str) -> None:
    """A refusal worth a security log line (ASVS V16.3): a forbidden action, a failed CSRF check, a
    request no page of ours sends. Who, from where, what; never what was submitted."""
    who = current_user.person.username if current_user.is_authenticated else "-"
    log.warning(
        "refused %s %s %s for %s from %s: %s", status, request.method, request.path, who, client_address(), reason
    )


def _api() -> bool:
    return request.path.startswith("/api/")


def _engine_error(error: LianxiError):
    status = status_of(error)
    error_id = logged(error) if status >= 500 else None
    if status == 403:
        refused(status, str(error))
    if _api():
        return error_json(error, error_id)
    return error_page(status, error_id=error_id, page=_CONFLICTS.get(error.code))


def _http_error(error: HTTPException):
    """Werkzeug's headers are kept (405's Allow, 429's Retry-After); `page` is a refusal's own
    wording (webui.common.input_guard)."""
    status = error.code or 500
    headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
    if status == 403 or getattr(error, "page", None):  # abort(403), or input_guard's refusal
        refused(status, error.description or "")
    if _api():
        body, status = error_response(status, HTTP_CODES.get(status, "http_error"), error.description or "")
    else:
        body, status = error_page(status, page=getattr(error, "page", None) or _page_of(status))
    return body, status, headers


def _page_of(status: int):  # noqa: ANN202
    return _UNEXPECTED if status == 500 else _PAGES.get(status, _OTHER_STATUS)


def _csrf(error: CSRFError):
    refused(400, f"CSRF: {error.description}")
    if _api():
        return error_response(400, "csrf", error.description)
    return error_page(400)


def _unexpected(error: Exception):
    error_id = logged(error)
    if _unavailable(error):
        return _failed(503, "unavailable for now; try again later, or quote the id to the office", error_id)
    return _failed(500, "an unexpected error; quote its id to the office", error_id)


def _unavailable(error: Exception) -> bool:
    """The disk full or the database out of reach: the machine's trouble, not a bug, and passing."""
    return isinstance(error, OperationalError) or (isinstance(error, OSError) and error.errno in _DISK_FULL)


def _failed(status: int, message: str, error_id: str):
    if _api():
        return error_response(status, HTTP_CODES[status], message, id=error_id)
    return error_page(status, error_id=error_id, page=_page_of(status))


def init_app(app: Flask) -> None:
    app.register_error_handler(LianxiError, _engine_error)
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
