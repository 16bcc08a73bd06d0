"""A server's log holds lianxi's lines, not SpiffWorkflow's for every change of every task's state,
whatever handlers and root level its host set up; LIANXI_LOG_LEVEL=DEBUG lets the libraries' through."""

from __future__ import annotations

import logging

import pytest

from engine.core.config import load_settings
from webui.common.logs import CHATTY_LOGGERS, OWN_LOGGERS

RETURN = {"decision": "return", "director_comments": "议题再具体一些"}


@pytest.fixture(autouse=True)
def restored_levels():
    loggers = [logging.getLogger(name) for name in OWN_LOGGERS + CHATTY_LOGGERS]
    levels = [logger.level for logger in loggers]
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def settings(tmp_path, db_url, log_level):
    env = {"LIANXI_DATABASE_URL": db_url, "LIANXI_INSTANCE_DIR": str(tmp_path / "instance")}
    return load_settings(env | ({"LIANXI_LOG_LEVEL": log_level} if log_level else {}))


def spiff_lines(caplog, api, find_task) -> list[logging.LogRecord]:
    task = find_task("office.director", "decide_meeting")
    assert api("office.director").post(f"/api/v1/tasks/{task['id']}/complete", json=RETURN).status_code == 200
    return [r for r in caplog.records if r.name.startswith("spiff")]


@pytest.mark.parametrize("log_level", [None])
def test_a_completion_logs_no_task_states_by_default(caplog, api, find_task):
    caplog.set_level(logging.INFO)  # a host that logs INFO from every library, as many do
    assert spiff_lines(caplog, api, find_task) == []


@pytest.mark.parametrize("log_level", ["debug"])
def test_debug_lets_the_task_states_through(caplog, api, find_task):
    assert any(r.levelno == logging.INFO for r in spiff_lines(caplog, api, find_task))
