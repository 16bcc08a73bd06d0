"""The 15-minute lock-out behind the back-off (engine.org.signin): ten failures lock an account, thirty
lock an address. The back-off waits are test-clock time, so the attempts take no real time."""

from __future__ import annotations

from web_helpers import login

from engine.demo.roster import GOVERNMENT, GUESTS, OFFICE, UNITS
from engine.org.throttle import LOCK_AFTER, LOCK_FOR

LOCK_SECONDS = int(LOCK_FOR.total_seconds())
# Thirty different demo accounts, none of which fails more than once.
THIRTY = ([name for name, *_ in OFFICE] + [f"liaison.{code}" for code, *_ in [*UNITS, *GUESTS, GOVERNMENT]])[:30]


def fail_once(client, clock, username: str, address: str) -> None:
    """One counted failure: sit out any back-off first, as a patient guesser would."""
    response = login(client, username, "a-wrong-guess", address=address)
    while response.status_code == 429:
        clock.advance(seconds=int(response.headers["Retry-After"]))
        response = login(client, username, "a-wrong-guess", address=address)
    assert response.status_code == 401, response.text


def assert_locked(response) -> None:
    assert response.status_code == 429
    assert "登录尝试过多" in response.text
    assert LOCK_SECONDS - 61 <= int(response.headers["Retry-After"]) <= LOCK_SECONDS + 1


def test_ten_failures_lock_the_account_for_fifteen_minutes(client, clock):
    assert LOCK_AFTER["user"] == 10
    # from ten addresses, so that no address comes near its own limit
    for n in range(10):
        fail_once(client, clock, "liaison.wjj", f"10.1.0.{n}")
    clock.advance(seconds=61)  # past the longest back-off: what remains is the lock

    response = login(client, "liaison.wjj", address="10.1.1.1")  # the right password
    assert_locked(response)
    clock.advance(minutes=13)
    assert login(client, "liaison.wjj", address="10.1.1.2").status_code == 429
    # the lock is the account's: a colleague at the same desk signs in
    assert login(client, "liaison.rsj", address="10.1.1.2").status_code == 302

    clock.advance(minutes=1, seconds=1)
    assert login(client, "liaison.wjj", address="10.1.1.2").status_code == 302


def test_thirty_failures_from_one_address_lock_that_address(app, clock):
    assert LOCK_AFTER["addr"] == 30 and len(set(THIRTY)) == 30
    prober = app.test_client()
    for username in THIRTY:
        fail_once(prober, clock, username, "10.9.9.9")
    clock.advance(seconds=61)

    # every account has failed only once, yet from that address even the right password waits
    response = login(prober, "liaison.wjj", address="10.9.9.9")
    assert_locked(response)
    clock.advance(minutes=13)
    assert login(prober, "liaison.scjgj", address="10.9.9.9").status_code == 429
    # the same people elsewhere are let in
    assert login(app.test_client(), "liaison.wjj", address="10.9.9.10").status_code == 302

    clock.advance(minutes=1, seconds=1)
    assert login(prober, "liaison.scjgj", address="10.9.9.9").status_code == 302
