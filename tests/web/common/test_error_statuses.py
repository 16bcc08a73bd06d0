"""Every error status answers with lianxi's own page in Chinese (JSON under /api/), keeping the
headers Werkzeug gives it (405's Allow, 429's Retry-After): never Werkzeug's English page. A disk
that is full or a database out of reach is 503, "try again later", with the id it is logged under."""

from __future__ import annotations

import errno
import re

import pytest
from flask import abort
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import TooManyRequests

STATUSES = {400: "请求无效", 403: "无权操作", 404: "未找到", 405: "不支持的操作", 413: "内容过大"}
STATUSES |= {429: "操作过于频繁", 500: "系统出错", 503: "暂时无法办理", 418: "无法办理"}


def _abort(status: int):
    if status == 429:
        raise TooManyRequests(retry_after=60)
    abort(status)


def _disk_full():
    raise OSError(errno.ENOSPC, "No space left on device")


def _database_gone():
    raise OperationalError("SELECT 1", {}, Exception("could not connect to server"))


@pytest.fixture
def failing(app):
    """The test's app with pages and API routes that answer each status, and fail as a machine can."""
    for prefix in ("", "/api/v1"):
        app.add_url_rule(f"{prefix}/test-status/<int:status>", f"{prefix}status", _abort)
        app.add_url_rule(f"{prefix}/test-disk-full", f"{prefix}disk", _disk_full)
        app.add_url_rule(f"{prefix}/test-database-gone", f"{prefix}database", _database_gone)
    return app.test_client()


@pytest.mark.parametrize("status", sorted(STATUSES))
def test_each_status_has_our_chinese_page(failing, status):
    response = failing.get(f"/test-status/{status}")
    assert response.status_code == status and response.mimetype == "text/html"
    assert STATUSES[status] in response.text
    assert not re.search(r"<title>\d{3} [A-Z]", response.text), "Werkzeug's own page"


@pytest.mark.parametrize("status", sorted(STATUSES))
def test_each_status_is_json_under_the_api(failing, status):
    response = failing.get(f"/api/v1/test-status/{status}")
    assert response.status_code == status and response.mimetype == "application/json"
    assert set(response.json["error"]) >= {"code", "message"}


def test_a_path_under_the_api_that_does_not_exist_is_json(failing):
    response = failing.get("/api/v2/nothing")
    assert (response.status_code, response.json["error"]["code"]) == (404, "not_found")


def test_too_many_requests_keeps_its_retry_after(failing):
    assert failing.get("/test-status/429").headers["Retry-After"] == "60"
    assert failing.get("/api/v1/test-status/429").headers["Retry-After"] == "60"


def test_a_method_not_allowed_says_which_are(failing, signed_in, held):
    page = signed_in("office.staff").put(f"/instances/{held}")
    assert page.status_code == 405 and "不支持的操作" in page.text
    assert set(page.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    api = failing.delete("/api/v1/openapi.json")
    assert api.status_code == 405 and api.json["error"]["code"] == "method_not_allowed"
    assert "GET" in api.headers["Allow"]


def test_a_full_disk_is_503_with_the_logged_id(failing, caplog):
    page = failing.get("/test-disk-full")
    assert page.status_code == 503 and "暂时无法办理" in page.text and "请稍后再试" in page.text
    error_id = re.search(r"<code>([0-9a-f]{8})</code>", page.text).group(1)
    assert any(error_id in r.getMessage() and r.exc_info[0] is OSError for r in caplog.records)
    api = failing.get("/api/v1/test-disk-full")
    assert api.status_code == 503 and api.json["error"]["code"] == "unavailable" and api.json["error"]["id"]


def test_a_database_out_of_reach_is_503(failing):
    assert failing.get("/test-database-gone").status_code == 503
    assert failing.get("/api/v1/test-database-gone").json["error"]["code"] == "unavailable"
