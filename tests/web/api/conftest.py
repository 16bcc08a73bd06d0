"""API fixtures: Bearer tokens for the demo users, and clients that send them."""

from __future__ import annotations

import pytest

from engine.core.uow import UnitOfWork
from engine.org import accounts, signin


class ApiClient:
    """A test client that sends `Authorization: Bearer TOKEN` with every request."""

    def __init__(self, client, token: str):
        self.client, self.token = client, token

    def get(self, path: str, **kwargs):
        return self.client.get(path, headers=self._headers(kwargs), **kwargs)

    def post(self, path: str, **kwargs):
        return self.client.post(path, headers=self._headers(kwargs), **kwargs)

    def _headers(self, kwargs: dict) -> dict:
        return {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}


@pytest.fixture
def token_for(app, clock):
    """token_for("liaison.wjj") → a new API token for that demo user, committed."""

    def issue(username: str) -> str:
        with UnitOfWork(app.extensions["lianxi"].db) as uow:
            person = accounts.find(uow.session, username)
            token = signin.issue_api_token(uow.session, person, clock.now())
            uow.commit()
        return token

    return issue


@pytest.fixture
def api(app, token_for):
    """api("office.director") → an ApiClient signed in as that demo user by token."""
    return lambda username: ApiClient(app.test_client(), token_for(username))


@pytest.fixture
def find_task(api):
    """find_task("office.director", "decide_meeting") → that open task from the user's inbox
    (for a unit's task, the unit's liaison's inbox)."""

    def find(username: str, name: str, unit: str | None = None) -> dict:
        tasks = api(username).get("/api/v1/tasks").json["tasks"]
        return next(t for t in tasks if t["name"] == name and unit in (None, t["unit"]))

    return find
