"""What a Bearer token or a session cookie costs a request before its view: one statement reads the
credential, its person and the person's roles (docs/PERFORMANCE.md, "Where a request's milliseconds
go"). A completion reads the person again under the write lock, so its checks see roles as of that
moment: once more, in one statement."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, update

from engine.core.uow import UnitOfWork
from engine.org.credentials import ApiToken

RETURN = {"decision": "return", "director_comments": "议题再具体一些"}


@contextmanager
def statements(app):
    """The SQL statements run meanwhile, BEGINs left out."""
    engine = app.extensions["lianxi"].db.engine
    seen: list[str] = []

    def note(conn, cursor, statement, *_):  # noqa: ANN001
        if not statement.startswith("BEGIN"):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def test_a_token_costs_one_statement(app, api):
    director = api("office.director")
    assert director.get("/api/v1/csrf-token").status_code == 200  # notes the token's first use
    with statements(app) as seen:
        assert director.get("/api/v1/csrf-token").status_code == 200  # a view that reads nothing
    assert len(seen) == 1, seen


def test_a_session_cookie_costs_one_statement_too(app, signed_in):
    browser = signed_in("office.director")
    with statements(app) as seen:
        assert browser.get("/api/v1/csrf-token").status_code == 200
    assert len(seen) == 1, seen


def test_a_revoked_token_still_costs_one_statement_and_is_refused(app, api, clock):
    director = api("office.director")
    with UnitOfWork(app.extensions["lianxi"].db) as uow:
        uow.session.execute(update(ApiToken).values(revoked_at=clock.now()))
        uow.commit()
    with statements(app) as seen:
        assert director.get("/api/v1/csrf-token").status_code == 401
    assert len(seen) == 1, seen


def test_a_completion_never_reads_roles_alone(app, api, find_task):
    task = find_task("office.director", "decide_meeting")
    director = api("office.director")
    director.get("/api/v1/csrf-token")
    with statements(app) as seen:
        assert director.post(f"/api/v1/tasks/{task['id']}/complete", json=RETURN).status_code == 200
    roles_alone = [s for s in seen if s.lstrip().startswith("SELECT person_role.")]
    assert roles_alone == []
