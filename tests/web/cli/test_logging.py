"""What `lianxi serve` and `lianxi scheduler` log: lianxi's own lines, not SpiffWorkflow's line for
every change of every task's state, unless LIANXI_LOG_LEVEL=DEBUG asks for everything."""

from __future__ import annotations

import logging

import pytest

from engine.core.config import load_settings
from webui.cli.background import set_up_logging
from webui.common.logs import CHATTY_LOGGERS, OWN_LOGGERS


@pytest.fixture(autouse=True)
def restored_levels():
    loggers = [logging.getLogger(), *map(logging.getLogger, OWN_LOGGERS + CHATTY_LOGGERS)]
    levels = [logger.level for logger in loggers]
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def test_task_states_are_not_logged_by_default():
    set_up_logging(load_settings({"LIANXI_SECRET_KEY": "test"}).log_level)
    assert logging.getLogger("notifications.scheduler").isEnabledFor(logging.INFO)
    assert not logging.getLogger("spiff.task").isEnabledFor(logging.INFO)
    assert logging.getLogger("spiff.task").isEnabledFor(logging.WARNING)


def test_debug_logs_the_libraries_too():
    set_up_logging(load_settings({"LIANXI_SECRET_KEY": "test", "LIANXI_LOG_LEVEL": "debug"}).log_level)
    assert logging.getLogger("spiff.task").isEnabledFor(logging.DEBUG)
