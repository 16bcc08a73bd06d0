"""How much lianxi logs: `LIANXI_LOG_LEVEL` for lianxi's own loggers; the libraries' only from WARNING
unless it is DEBUG. Our INFO line per scheduler pass says enough: the scheduler's and alembic's
would add two lines a minute, and SpiffWorkflow logs every change of every task's state (several
lines a start or completion, most of a server's log).

Set by the app factory, so a server that brings its own handlers (a WSGI host) gets the same
levels as `lianxi serve`, whose handler `webui.cli.background` adds.
"""

from __future__ import annotations

import logging

OWN_LOGGERS = ("engine", "webui", "notifications")
CHATTY_LOGGERS = ("apscheduler", "alembic", "spiff")


def set_levels(level: str) -> None:
    """`level` is one of engine.core.config.LOG_LEVELS."""
    for own in OWN_LOGGERS:
        logging.getLogger(own).setLevel(level)
    for chatty in CHATTY_LOGGERS:
        logging.getLogger(chatty).setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
