"""Refusals leave a trace for whoever watches the server (ASVS V16.3.2, V16.3.3): a forbidden
action, a failed CSRF check and a request no page sends are each a warning naming who, from where
and what was refused, never what was submitted."""

from __future__ import annotations

import logging

import pytest

SECRET = "do-not-log-this-text"


@pytest.fixture
def warnings(caplog):
    caplog.set_level(logging.WARNING, logger="webui.common.errors")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "webui.common.errors"]


def test_a_forbidden_action_is_logged_with_who_and_where(signed_in, warnings):
    assert signed_in("liaison.wjj").get("/admin/reminders").status_code == 403
    (line,) = [w for w in warnings() if "/admin/reminders" in w]
    assert line.startswith("refused 403 GET /admin/reminders for liaison.wjj from ")


def test_a_failed_csrf_check_is_logged(signed_in, warnings):
    response = signed_in("liaison.wjj").post("/logout", data={"note": SECRET})
    assert response.status_code == 400
    (line,) = [w for w in warnings() if "CSRF" in w]
    assert "POST /logout for liaison.wjj" in line and SECRET not in line


def test_a_request_no_page_sends_is_logged(client, warnings):
    assert client.post("/login", data={"username": "x\x00y", "password": SECRET}).status_code == 400
    (line,) = warnings()
    assert line.startswith("refused 400 POST /login for - from ") and SECRET not in line
