"""Whose address counts: with no proxy trusted (the default) the connection's, whatever the request
claims in X-Forwarded-For; behind LIANXI_TRUSTED_PROXIES proxies, the client the nearest one saw, so
that the per-address lock-out falls on the guesser and not on everyone behind the proxy."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from sqlalchemy import select

from engine.core.config import load_settings
from engine.demo import DEMO_PASSWORD
from engine.org.credentials import LoginSession
from engine.org.throttle import LOCK_AFTER
from webui import create_app

PROXY = "10.0.0.254"


def login_via(client, username: str, password: str, forwarded_for: str):
    environ = {"REMOTE_ADDR": PROXY}
    # over HTTPS the CSRF check also wants the page it was posted from, as a browser sends it
    headers = {"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "https", "Referer": "https://localhost/login"}
    page = client.get("/login", environ_base=environ, headers=headers)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
    data = {"username": username, "password": password, "csrf_token": token}
    return client.post("/login", data=data, environ_base=environ, headers=headers)


@pytest.fixture
def proxied(settings, clock):
    app = create_app(replace(settings, trusted_proxies=1), clock=clock)
    app.config["TESTING"] = True
    yield app
    app.extensions["lianxi"].db.dispose()


def session_addresses(app) -> list[str]:
    with app.extensions["lianxi"].db.read_session() as read:
        return list(read.scalars(select(LoginSession.address)))


def test_with_no_proxy_trusted_a_forwarded_for_header_changes_nothing(app, client):
    assert login_via(client, "liaison.wjj", DEMO_PASSWORD, "203.0.113.9").status_code == 302
    assert session_addresses(app) == [PROXY]


def test_behind_a_trusted_proxy_the_client_it_saw_counts(proxied):
    # the client's own claim comes first; the proxy appends whom it saw
    assert login_via(proxied.test_client(), "liaison.wjj", DEMO_PASSWORD, "1.2.3.4, 203.0.113.9").status_code == 302
    assert session_addresses(proxied) == ["203.0.113.9"]


def test_behind_a_trusted_proxy_one_guesser_does_not_lock_out_everyone(proxied, clock):
    guesser = proxied.test_client()
    for n in range(LOCK_AFTER["addr"]):
        response = login_via(guesser, f"nobody{n}", "a-wrong-guess", "203.0.113.66")
        while response.status_code == 429:
            clock.advance(seconds=int(response.headers["Retry-After"]))
            response = login_via(guesser, f"nobody{n}", "a-wrong-guess", "203.0.113.66")
    clock.advance(seconds=61)
    assert login_via(guesser, "liaison.rsj", DEMO_PASSWORD, "203.0.113.66").status_code == 429
    assert login_via(proxied.test_client(), "liaison.wjj", DEMO_PASSWORD, "203.0.113.7").status_code == 302


@pytest.mark.parametrize(("value", "count"), [(None, 0), ("0", 0), ("1", 1), ("2", 2)])
def test_the_setting_counts_proxies(value, count):
    env = {"LIANXI_SECRET_KEY": "test", **({"LIANXI_TRUSTED_PROXIES": value} if value is not None else {})}
    assert load_settings(env).trusted_proxies == count


@pytest.mark.parametrize("value", ["yes", "-1", "1.5"])
def test_a_wrong_count_is_refused_by_name(value):
    with pytest.raises(ValueError, match="LIANXI_TRUSTED_PROXIES"):
        load_settings({"LIANXI_SECRET_KEY": "test", "LIANXI_TRUSTED_PROXIES": value})
