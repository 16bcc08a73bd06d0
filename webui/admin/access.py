"""Who opens the body's settings pages (reminder rules, annual cycle): its administrator and its
office director; anyone else gets 403. The menu links them, and the roster pages, for whoever may
open them."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from engine.org.models import Person
from engine.roster import access as roster_access
from webui.admin import bp
from webui.common import context


def may_administer(person: Person) -> bool:
    return bool(person.roles & {"admin", "office_director"})


def administrator() -> Person:
    me = context.person()
    if not may_administer(me):
        abort(403)
    return me


@bp.app_context_processor
def _menu() -> dict:
    if not current_user.is_authenticated:
        return {"may_administer": False, "keeps_roster": False}
    me = context.person()
    return {"may_administer": may_administer(me), "keeps_roster": roster_access.may_administer(me)}
