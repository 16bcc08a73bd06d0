"""Signing in and out through the pages: the promises webui/common/security.py and engine.org.signin make."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from sqlalchemy import select
from web_helpers import login

from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.demo import DEMO_PASSWORD
from engine.org import accounts
from engine.org.credentials import LoginSession
from engine.org.throttle import FREE_FAILURES


def test_login_page_speaks_chinese_by_default(client):
    page = client.get("/login")
    assert page.status_code == 200
    assert "联席会议协同办理平台" in page.text
    assert "用户名" in page.text and "密码" in page.text
    assert '<html lang="zh-CN">' in page.text


def test_login_page_in_english_on_request(client):
    page = client.get("/login?lang=en")
    assert page.status_code == 200
    assert "Username" in page.text and "Password" in page.text
    assert "用户名" not in page.text
    # the choice sticks for the rest of the visit
    assert "Username" in client.get("/login").text


def test_language_chosen_on_the_login_page_survives_signing_in(client):
    page = client.get("/login?lang=en")
    action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
    data = {"username": "liaison.wjj", "password": DEMO_PASSWORD, "csrf_token": token}
    inbox = client.post(action, data=data, follow_redirects=True)
    assert inbox.status_code == 200
    assert "Inbox" in inbox.text and "待办事项" not in inbox.text


def test_signing_in_leads_to_the_inbox(client):
    response = login(client, "liaison.wjj")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert client.get("/").status_code == 200


def test_wrong_password_is_refused_and_stays_out(client):
    response = login(client, "liaison.wjj", "not-the-password")
    assert response.status_code == 401
    assert "用户名或密码不正确" in response.text
    assert client.get("/").status_code == 302


def test_pages_need_a_session(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_session_cookie_is_httponly_and_samesite_lax(client):
    response = login(client, "liaison.wjj")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_a_copied_cookie_stops_working_after_logout(app, signed_in, post):
    client = signed_in("liaison.wjj")
    copied = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/").status_code == 200  # the copy works while the session lives

    assert post(client, "/logout").status_code == 302

    replay = thief.get("/")
    assert replay.status_code == 302
    assert replay.headers["Location"].startswith("/login")


def test_password_change_ends_other_sessions(signed_in, post):
    laptop, phone = signed_in("liaison.wjj"), signed_in("liaison.wjj")
    page = laptop.get("/password")
    assert page.status_code == 200
    new_password = "a-new-password-2026"
    response = post(
        laptop,
        "/password",
        {"current": DEMO_PASSWORD, "new": new_password, "repeat": new_password},
    )
    assert response.status_code == 302
    assert laptop.get("/").status_code == 200  # the one that changed it stays signed in
    assert phone.get("/").status_code == 302  # every other session is over


def test_password_change_needs_the_current_password(signed_in, post):
    client = signed_in("liaison.wjj")
    response = post(client, "/password", {"current": "wrong", "new": "x" * 12, "repeat": "x" * 12})
    assert response.status_code == 422
    assert "当前密码不正确" in response.text


def test_a_password_too_long_to_sign_in_with_is_not_set(app, clock, signed_in, post):
    """The sign-in form takes 200 characters: a longer password, once set, could never be used."""
    client = signed_in("liaison.wjj")
    too_long = "x" * 201
    response = post(client, "/password", {"current": DEMO_PASSWORD, "new": too_long, "repeat": too_long})
    assert response.status_code == 422
    with UnitOfWork(app.extensions["lianxi"].db) as uow, pytest.raises(InvalidData):
        accounts.set_password(uow.session, accounts.find(uow.session, "liaison.wjj"), too_long, clock.now())
    assert login(app.test_client(), "liaison.wjj").status_code == 302  # the old password still works


def test_repeated_failures_lock_the_account_with_retry_after(client):
    for attempt in range(FREE_FAILURES + 1):
        assert login(client, "liaison.wjj", f"guess-{attempt}").status_code == 401
    # even the right password, from another address, now waits
    response = login(client, "liaison.wjj", address="10.0.0.2")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "登录尝试过多" in response.text
    # the lock is the account's: someone else signs in from that address
    assert login(client, "liaison.rsj", address="10.0.0.2").status_code == 302


def test_many_user_names_from_one_address_lock_the_address(app):
    prober = app.test_client()
    for n in range(FREE_FAILURES + 1):
        assert login(prober, f"liaison.guess{n}", "guess", address="10.9.9.9").status_code == 401
    # a name not tried before, with its right password, is still refused from that address
    response = login(prober, "liaison.zgh", address="10.9.9.9")
    assert response.status_code == 429
    assert "Retry-After" in response.headers
    # while the same person elsewhere is let in
    assert login(app.test_client(), "liaison.zgh", address="10.0.0.7").status_code == 302


def test_post_without_csrf_token_is_refused(signed_in):
    client = signed_in("liaison.wjj")
    response = client.post("/logout")
    assert response.status_code == 400
    assert "页面已过期" in response.text
    assert client.get("/").status_code == 200  # still signed in


def test_every_chinese_message_has_an_english_translation():
    """The pages speak Chinese first; whatever they can say must also exist in English
    (babel.cfg is what `pybabel extract` reads, so this sees what the catalogue should hold)."""
    root = Path(__file__).resolve().parents[3]
    with (root / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            root,
            method_map,
            options_map,
            keywords={**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None},
        )
    }
    with (root / "webui/translations/en/LC_MESSAGES/messages.po").open("rb") as po:
        catalogue = read_po(po, locale="en")
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id and m.string and not m.fuzzy}
    assert found - translated == set()


def test_signing_in_starts_a_new_session_never_the_one_held_before(app, read):
    """Session fixation (ASVS V7.2.4): a cookie someone planted before the sign-in does not become
    the signed-in session, and each sign-in is a new server-side token."""
    client = app.test_client()
    client.get("/login")
    planted = client.get_cookie("session").value
    assert login(client, "liaison.wjj").status_code == 302
    assert client.get_cookie("session").value != planted
    attacker = app.test_client()
    attacker.set_cookie("session", planted)
    assert attacker.get("/").status_code == 302  # still signed out
    assert login(app.test_client(), "liaison.wjj").status_code == 302
    person = accounts.find(read, "liaison.wjj")
    tokens = read.scalars(select(LoginSession.token_hash).where(LoginSession.person_id == person.id)).all()
    assert len(tokens) == len(set(tokens)) == 2
