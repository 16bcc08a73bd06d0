"""The level (密级) of a file or document on the pages that list them: its name, the office's
small form to change it, and the change itself (engine.confidentiality). Shared by the
supervision, instance, annual and documents pages, as send_attachment is."""

from __future__ import annotations

from flask import flash, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engine.confidentiality import setting
from engine.confidentiality.levels import LEVELS
from engine.core.uow import UnitOfWork
from engine.org.models import Person
from webui.common import context

LEVEL_NAMES = {"public": _l("公开"), "internal": _l("内部"), "restricted": _l("机密")}


def template_names() -> dict:
    """The names and choices every page's macro reads (supervision/_level.html)."""
    return {"level_names": LEVEL_NAMES, "level_choices": LEVELS}


def change(uow: UnitOfWork, me: Person, record, instance_id: int | None = None) -> None:  # noqa: ANN001
    """Sets the posted level and commits; a refusal (403 for anyone but the office, or for 公开
    without the office director) leaves the record as it was."""
    level = request.form.get("level", "")
    if setting.set_level(uow.session, me, record, level, context.now(), instance_id=instance_id):
        uow.commit()
        flash(_("密级已改为：%(level)s", level=LEVEL_NAMES[level]), "success")
