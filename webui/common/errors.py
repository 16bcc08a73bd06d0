"""Engine errors as HTTP answers: a page for people, JSON for the API (webui.api)."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from engine.core.errors import LianxiError

_PAGES = {
    400: (_l("请求无效"), _l("页面已过期或请求不完整，请返回重试。")),
    403: (_l("无权操作"), _l("您没有办理此事项的权限。")),
    404: (_l("未找到"), _l("该事项不存在，或不在您的办理范围内。")),
    409: (_l("事项已办结"), _l("该事项已由他人办理或已撤销，无需重复办理。")),
    405: (_l("不支持的操作"), _l("该页面不支持此操作。")),
    413: (_l("内容过大"), _l("提交的内容超过大小限制。")),
    422: (_l("填写有误"), _l("请检查填写的内容。")),
    500: (_l("流程出错"), _l("流程执行出错，您的操作未被保存。请联系办公室。")),
}


HTTP_CODES = {403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def error_page(status: int, detail: str | None = None):
    title, message = _PAGES.get(status, _PAGES[500])
    return render_template("error.html", status=status, title=title, message=message, detail=detail), status


def init_app(app: Flask) -> None:
    # Imported here, not at the top: webui.api's package imports its routes, which need the app
    # pieces this module is one of.
    from webui.api.responses import error_json, error_response, status_of

    @app.errorhandler(LianxiError)
    def _engine_error(error: LianxiError):
        if request.path.startswith("/api/"):
            return error_json(error)
        return error_page(status_of(error))

    def _http_error(error, status: int):  # noqa: ANN001
        if request.path.startswith("/api/"):
            return error_response(status, HTTP_CODES[status], getattr(error, "description", ""))
        return error_page(status)

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError):
        if request.path.startswith("/api/"):
            return error_response(400, "csrf", error.description)
        return error_page(400)

    for status in HTTP_CODES:
        app.register_error_handler(status, lambda e, s=status: _http_error(e, s))
