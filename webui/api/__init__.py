"""The JSON API (docs/INTERFACE.md, "JSON API"): the same services as the pages, for other systems.

Callers authenticate with the browser session or `Authorization: Bearer TOKEN`. Failures are
always JSON, never a page or a redirect to the log-in form, because the caller is a program.
"""

from __future__ import annotations

from flask import Blueprint, current_app, request
from flask_login import current_user

from webui.api.responses import error_response
from webui.common.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Flask-WTF's app-wide check would demand a token from Bearer callers too, who have no session
# to hold one; the guard below applies it to cookie sessions only.
csrf.exempt(bp)

PUBLIC_ENDPOINTS = {"api.openapi"}


@bp.before_request
def _guard():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        # flask-login's own handler would redirect to the log-in page, which a program can't use.
        response, status = error_response(401, "unauthorized", "sign in, or send Authorization: Bearer TOKEN")
        response.headers["WWW-Authenticate"] = 'Bearer realm="lianxi"'
        return response, status
    if current_user.token is not None and current_app.config["WTF_CSRF_ENABLED"]:
        # A browser sends its cookie along with any site's request: only the CSRF token proves
        # the request came from our own pages. protect() skips GET and HEAD itself.
        csrf.protect()
    return None


# The route modules register themselves on `bp`, so they are imported once it exists.
from webui.api import (  # noqa: E402, F401, I001
    annual,
    browser,
    bulletins,
    documents,
    inspections,
    instances,
    meetings,
    messages,
    openapi,
    plans,
    reminders,
    reports,
    research,
    roster,
    supervision,
    tasks,
)
