"""What a browser-session client needs besides the cookie: the CSRF token for its posts."""

from __future__ import annotations

from flask_wtf.csrf import generate_csrf

from webui.api import bp


@bp.get("/csrf-token")
def csrf_token():
    # Tied to this session; a Bearer caller gets one too but never needs to send it.
    return {"csrf_token": generate_csrf()}
