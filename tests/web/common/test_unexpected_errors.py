"""Anything unexpected answers with lianxi's own page (or the API's JSON) and a short id, under
which the traceback is logged: never Werkzeug's English "Internal Server Error"."""

from __future__ import annotations

import logging
import re

import pytest


class Boom(RuntimeError):
    pass


def _raise():
    raise Boom("a bug deep inside")


@pytest.fixture
def failing(app):
    """The test's app with a page and an API route that raise."""
    app.add_url_rule("/test-boom", "test_boom", _raise)
    app.add_url_rule("/api/v1/test-boom", "test_api_boom", _raise)
    app.add_url_rule("/test-folder/", "test_folder", lambda: "folder")
    return app.test_client()


def _logged_id(caplog, error_id: str) -> logging.LogRecord:
    found = [r for r in caplog.records if error_id in r.getMessage()]
    assert found, f"nothing logged under {error_id}"
    return found[0]


def test_a_page_that_fails_shows_the_chinese_page_and_the_logged_id(failing, caplog):
    response = failing.get("/test-boom")
    assert response.status_code == 500
    assert "Internal Server Error" not in response.text
    assert "系统出错" in response.text and "请将出错编号告知办公室" in response.text
    error_id = re.search(r"出错编号：<code>([0-9a-f]{8})</code>", response.text).group(1)
    record = _logged_id(caplog, error_id)
    assert record.levelno == logging.ERROR and record.exc_info[0] is Boom


def test_the_page_is_in_english_for_an_english_browser(failing):
    response = failing.get("/test-boom", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert "系统出错" not in response.text and "Error ID" in response.text


def test_the_api_answers_json_with_the_id(failing, caplog):
    response = failing.get("/api/v1/test-boom")
    assert response.status_code == 500
    error = response.json["error"]
    assert error["code"] == "internal" and re.fullmatch(r"[0-9a-f]{8}", error["id"])
    assert _logged_id(caplog, error["id"]).exc_info[0] is Boom


def test_werkzeug_redirects_are_left_alone(failing):
    """The catch-all sees Werkzeug's redirect for a missing slash, an exception too."""
    response = failing.get("/test-folder")
    assert response.status_code == 308 and response.headers["Location"].endswith("/test-folder/")
