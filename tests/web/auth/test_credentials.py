"""How credentials are kept: argon2id, never in a log, tokens hashed, sessions that expire."""

from __future__ import annotations

import logging
from dataclasses import replace

from sqlalchemy import select
from web_helpers import login

from engine.demo import DEMO_PASSWORD
from engine.org import accounts, signin
from engine.org.credentials import ApiToken
from webui import create_app


def test_passwords_are_stored_as_argon2id(db):
    with db.read_session() as session:
        stored = accounts.find(session, "liaison.wjj").password_hash
    assert stored.startswith("$argon2id$") and DEMO_PASSWORD not in stored


def test_passwords_never_reach_the_log(client, caplog):
    with caplog.at_level(logging.DEBUG):
        login(client, "liaison.wjj", "a-wrong-password-123")
        login(client, "liaison.wjj")
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert "a-wrong-password-123" not in logged and DEMO_PASSWORD not in logged


def test_api_tokens_are_stored_hashed_and_shown_once(db, clock):
    with db.write_session() as session:
        token = signin.issue_api_token(session, accounts.find(session, "office.staff"), clock.now())
        session.commit()
    with db.read_session() as session:
        stored = session.scalars(select(ApiToken.token_hash)).all()
    assert token not in stored and len(stored) == 1 and len(stored[0]) == 64


def test_an_idle_session_ends(app, client, clock):
    assert login(client, "liaison.wjj").status_code == 302
    assert client.get("/").status_code == 200
    clock.advance(seconds=signin.SESSION_IDLE.total_seconds() + 60)
    assert client.get("/").status_code == 302  # back to the log-in page


def test_sessions_end_after_twelve_hours_however_busy(client, clock):
    assert login(client, "liaison.wjj").status_code == 302
    for _ in range(11):
        clock.advance(hours=1)
        assert client.get("/").status_code == 200
    clock.advance(hours=1, seconds=1)
    assert client.get("/").status_code == 302


def test_cookies_are_secure_behind_https(settings, clock):
    app = create_app(replace(settings, secure_cookies=True), clock=clock)
    client = app.test_client()
    cookie = login(client, "liaison.wjj").headers.get("Set-Cookie", "")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    app.extensions["lianxi"].db.dispose()
