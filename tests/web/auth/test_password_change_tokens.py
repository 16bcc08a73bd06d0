"""A password change is what someone does who fears their account is in other hands: it ends their
API tokens too, not only their other sessions."""

from __future__ import annotations

from engine.core.uow import UnitOfWork
from engine.demo import DEMO_PASSWORD
from engine.org import accounts, signin

NEW_PASSWORD = "a-new-password-2026"


def test_changing_ones_password_revokes_ones_api_tokens(app, clock, signed_in, post):
    with UnitOfWork(app.extensions["lianxi"].db) as uow:
        token = signin.issue_api_token(uow.session, accounts.find(uow.session, "liaison.wjj"), clock.now())
        uow.commit()
    bearer = {"Authorization": f"Bearer {token}"}
    assert app.test_client().get("/api/v1/tasks", headers=bearer).status_code == 200

    client = signed_in("liaison.wjj")
    data = {"current": DEMO_PASSWORD, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD}
    assert post(client, "/password", data).status_code == 302

    assert app.test_client().get("/api/v1/tasks", headers=bearer).status_code == 401
    assert client.get("/").status_code == 200  # the browser that changed it stays signed in
