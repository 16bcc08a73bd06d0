"""Forty wrong guesses at once, on SQLite and on PostgreSQL: each is counted before its password is
checked, in one statement, so no count is lost, no first insert collides with another, and no more
passwords are tried than the lock allows (engine.org.throttle)."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select
from web_helpers import login

from engine.org.credentials import LoginThrottle
from engine.org.throttle import LOCK_AFTER

GUESSES = 40


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path, demo_template) -> str:
    if request.param == "postgresql":
        return request.getfixturevalue("pg_demo_url")
    path = tmp_path / "lianxi.db"
    path.write_bytes(demo_template.read_bytes())
    return f"sqlite:///{path}"


def ready_guesser(app, n: int):
    """A browser with the log-in page open, its own address, about to post a wrong password."""
    client, environ = app.test_client(), {"REMOTE_ADDR": f"10.7.{n // 200}.{n % 200}"}
    page = client.get("/login", environ_base=environ)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
    data = {"username": "liaison.wjj", "password": f"guess-{n}", "csrf_token": token}
    return client, data, environ


def test_forty_guesses_at_once_try_no_more_passwords_than_the_lock_allows(app, read):
    guessers = [ready_guesser(app, n) for n in range(GUESSES)]
    start = threading.Barrier(GUESSES)

    def guess(guesser) -> int:
        client, data, environ = guesser
        start.wait()
        return client.post("/login", data=data, environ_base=environ).status_code

    with ThreadPoolExecutor(GUESSES) as pool:
        answers = list(pool.map(guess, guessers))

    tried = answers.count(401)  # "wrong password": a password was checked
    assert sorted(set(answers)) <= [401, 429], answers  # refused, never a 500
    assert 1 <= tried <= LOCK_AFTER["user"]
    assert answers.count(429) == GUESSES - tried
    read.rollback()
    counted = read.scalar(select(LoginThrottle.failures).where(LoginThrottle.key == "user:liaison.wjj"))
    assert counted == tried  # every password tried is counted, none lost


def test_a_right_password_gives_its_count_back(app, read):
    """Counted before the check, a sign-in that succeeds must not count against its address: an
    office behind one address signs in all morning and is never locked out."""
    for n in range(LOCK_AFTER["addr"] + 5):
        username = "liaison.wjj" if n % 2 else "liaison.rsj"
        assert login(app.test_client(), username, address="10.7.9.9").status_code == 302
    read.rollback()
    assert read.scalar(select(LoginThrottle.failures).where(LoginThrottle.key == "addr:10.7.9.9")) == 0
    assert read.scalar(select(LoginThrottle).where(LoginThrottle.key.like("user:%"))) is None
