"""Sign-in events in the audit log (who, when, from where, what came of it; never the password),
and the 登录记录 page that shows them to the body's administrator."""

from __future__ import annotations

import logging

from sqlalchemy import select
from web_helpers import login

from engine.core.models import AuditEvent
from engine.core.uow import UnitOfWork
from engine.demo import DEMO_PASSWORD
from engine.org import accounts, signin, throttle
from engine.org.models import Person
from tests.web.auth.test_lockout import fail_once

NEW_PASSWORD = "a-new-password-2026"


def events(read, *actions: str) -> list[AuditEvent]:
    read.rollback()
    query = select(AuditEvent).where(AuditEvent.action.in_(actions)).order_by(AuditEvent.id)
    return list(read.scalars(query))


def person_id(read, username: str) -> int:
    return read.scalar(select(Person.id).where(Person.username == username))


def test_a_sign_in_and_a_sign_out_are_recorded_with_the_address(client, read, post):
    assert login(client, "liaison.wjj", address="10.3.0.7").status_code == 302
    assert post(client, "/logout", environ_base={"REMOTE_ADDR": "10.3.0.8"}).status_code == 302
    signed_in, signed_out = events(read, "sign_in", "sign_out")
    wjj = read.scalar(select(Person).where(Person.username == "liaison.wjj"))
    for event, address in ((signed_in, "10.3.0.7"), (signed_out, "10.3.0.8")):
        assert event.actor == "liaison.wjj" and event.body_id == wjj.body_id
        assert event.after == {"address": address, "person_id": wjj.id}
        assert event.at is not None


def test_a_failure_is_recorded_and_logged_without_the_password(client, read, caplog):
    with caplog.at_level(logging.WARNING):
        assert login(client, "liaison.wjj", "a-wrong-password-9", address="10.3.0.9").status_code == 401
        assert login(client, "nobody.here", "another-wrong-one", address="10.3.0.9").status_code == 401
    known, unknown = events(read, "sign_in_failed")
    assert known.actor == "liaison.wjj" and known.body_id is not None
    assert known.after == {"address": "10.3.0.9", "person_id": person_id(read, "liaison.wjj"), "reason": "password"}
    assert unknown.actor == "nobody.here" and unknown.body_id is None
    assert unknown.after == {"address": "10.3.0.9", "person_id": None, "reason": "unknown_user"}
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "sign-in" in r.getMessage()]
    assert len(logged) == 2 and "liaison.wjj" in logged[0] and "10.3.0.9" in logged[0]
    stored = " ".join(f"{e.summary} {e.after}" for e in events(read, "sign_in_failed"))
    assert "a-wrong-password-9" not in stored + " ".join(logged) and DEMO_PASSWORD not in stored


def test_a_throttled_attempt_is_recorded_as_refused(client, read):
    for n in range(throttle.FREE_FAILURES + 1):
        login(client, "liaison.wjj", f"guess-{n}", address=f"10.4.0.{n}")
    assert login(client, "liaison.wjj", address="10.4.1.1").status_code == 429
    (refused,) = events(read, "sign_in_throttled")
    assert refused.actor == "liaison.wjj" and refused.after["address"] == "10.4.1.1"
    assert refused.after["retry_after"] > 0


def test_the_moment_an_account_locks_is_recorded_once(client, clock, read):
    for n in range(throttle.LOCK_AFTER["user"]):
        fail_once(client, clock, "liaison.wjj", f"10.5.0.{n}")
    (locked,) = events(read, "sign_in_locked")
    assert locked.actor == "liaison.wjj" and locked.body_id is not None
    assert locked.after["address"] == "10.5.0.9" and locked.after["locked"] == "user"
    clock.advance(seconds=61)
    assert login(client, "liaison.wjj", address="10.5.1.1").status_code == 429
    assert len(events(read, "sign_in_locked")) == 1  # a refusal during the lock locks nothing anew


def test_a_password_change_is_recorded(signed_in, post, read):
    client = signed_in("liaison.wjj")
    data = {"current": DEMO_PASSWORD, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD}
    assert post(client, "/password", data, environ_base={"REMOTE_ADDR": "10.6.0.1"}).status_code == 302
    (changed,) = events(read, "password_changed")
    assert changed.actor == "liaison.wjj" and changed.after["address"] == "10.6.0.1"
    assert NEW_PASSWORD not in str(changed.after) + changed.summary


def test_issuing_and_revoking_an_api_token_are_recorded(app, clock, read):
    with UnitOfWork(app.extensions["lianxi"].db) as uow:
        person = accounts.find(uow.session, "office.staff")
        token = signin.issue_api_token(uow.session, person, clock.now())
        uow.session.flush()
        (row,) = signin.api_tokens_of(uow.session, person)
        assert signin.revoke_api_token(uow.session, person, row.id, clock.now())
        uow.commit()
    issued, revoked = events(read, "api_token_issued", "api_token_revoked")
    assert issued.summary == revoked.summary == "office.staff"
    assert issued.after == revoked.after == {"person_id": person.id, "token_id": row.id}
    assert token not in str(issued.after)
