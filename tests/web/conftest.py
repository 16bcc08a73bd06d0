"""Web fixtures: posting forms the way a browser does (with the page's CSRF token), and finding
the demo's tasks and instances by what people call them."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engine.workflow import inbox
from engine.workflow.models import HumanTask, ProcessInstance

HELD_MEETING = "筹备联席会议全体会议"  # the demo meeting whose minutes await receipts
PROPOSED_MEETING = "研究部署职业病危害专项治理工作"  # the one awaiting the director's decision


def page_token(html: str) -> str:
    found = re.search(r'<meta name="csrf-token" content="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


@pytest.fixture
def post():
    """post(client, url, data) → the response, sent with a CSRF token as a browser form is."""

    def send(client, url: str, data: dict | None = None, **kwargs):
        token = page_token(client.get("/").text)
        return client.post(url, data={**(data or {}), "csrf_token": token}, **kwargs)

    return send


@pytest.fixture
def read(app):
    """A read session on the app's database, for finding ids the pages link to."""
    session = app.extensions["lianxi"].db.read_session()
    yield session
    session.close()


@pytest.fixture
def instance_id(read):
    """instance_id("筹备联席会议全体会议") → the id of the instance with that title."""

    def find(title: str) -> int:
        read.rollback()  # a fresh snapshot: the pages may have written since
        return read.scalar(select(ProcessInstance.id).where(ProcessInstance.title == title))

    return find


@pytest.fixture
def open_task(read):
    """open_task(instance_id, "receive_minutes", unit="scjgj") → that open task's row."""

    def find(instance: int, name: str, unit: str | None = None):
        read.rollback()
        return next(
            t for t in inbox.all_tasks(read, instance_id=instance) if t.name == name and unit in (None, t.assignee)
        )

    return find


@pytest.fixture
def status_of(read):
    """status_of(task_id) → the task's status as the database has it now."""

    def find(task_id: str) -> str:
        read.rollback()  # expires what the session holds, so the row is read again
        return read.get(HumanTask, task_id).status

    return find


@pytest.fixture
def held(instance_id) -> int:
    """The demo meeting whose minutes are out with the units (scjgj, sthjj, zgh, wsjds late)."""
    return instance_id(HELD_MEETING)


@pytest.fixture
def proposed(instance_id) -> int:
    """The demo meeting awaiting the office director's decision."""
    return instance_id(PROPOSED_MEETING)
