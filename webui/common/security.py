"""Who is asking: the session cookie (pages and API) or a Bearer token (API only).

The cookie carries a random session token whose hash the engine keeps (engine.org.signin), so
log-out and password change end a session on the server: a copied cookie stops working.
"""

from __future__ import annotations

from flask import Flask, request
from flask_login import UserMixin

from engine.org import signin
from engine.org.models import Person
from webui.common import context
from webui.common.extensions import login_manager


class SignedIn(UserMixin):
    def __init__(self, person: Person, token: str | None):
        self.person = person
        self.token = token  # None when signed in by API token

    def get_id(self) -> str | None:
        return self.token


@login_manager.user_loader
def _from_session(token: str) -> SignedIn | None:
    row = signin.valid_session(context.db_session(), token, context.now())
    if row is None:
        return None
    if signin.touch_due(row, context.now()):
        _record(signin.touch, token)
    return SignedIn(row.person, token)


@login_manager.request_loader
def _from_bearer(req) -> SignedIn | None:  # noqa: ANN001
    header = req.headers.get("Authorization", "")
    if not req.path.startswith("/api/") or not header.startswith("Bearer "):
        return None
    row = signin.valid_api_token(context.db_session(), header[7:].strip())
    if row is None:
        return None
    if signin.api_token_use_due(row, context.now()):
        _record(signin.note_api_token_use, row.id)
    return SignedIn(row.person, None)


def _record(note, key) -> None:  # noqa: ANN001
    """Record when a credential was last used, at most once a minute: a short write of its own,
    so the request's reads never turn into a write transaction."""
    with context.unit_of_work() as uow:
        note(uow.session, key, context.now())
        uow.commit()


def came_here_oneself() -> bool:
    """Whether the person opened the page from lianxi, a bookmark or a typed address, not from a
    link on another site: the browser says so in Sec-Fetch-Site. An opening that records a receipt
    must be the person's own, and SameSite=Lax lets the cookie through on another site's link.
    A client that sends no such header (an older browser, a script) is taken at its word."""
    return request.headers.get("Sec-Fetch-Site", "none") in ("same-origin", "none")


def client_address() -> str:
    return request.remote_addr or "unknown"


def init_app(app: Flask) -> None:
    @app.after_request
    def _headers(response):  # noqa: ANN001
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
            "base-uri 'none'; form-action 'self'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.endpoint and not request.endpoint.startswith("static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
