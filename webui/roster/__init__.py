"""The body's own administration (名册管理): its profile, units, people, membership changes and
the roster workbook. For the body's administrator (role admin); anyone else gets 403, and a unit
or person of another body is not found (404).

One blueprint; each page's module adds its routes to it. The engine (engine.roster) decides and
refuses; these pages only read the forms and show the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from engine.core.errors import FieldError, InvalidData
from engine.org.models import ROLES, SEATS, Person
from engine.roster import access
from webui.common import context, display
from webui.common.i18n import field_error_message

bp = Blueprint("roster", __name__)

KIND_NAMES = {
    "member": _l("成员单位"),
    "guest": _l("受邀单位"),
    "government": _l("本级政府"),
    "former": _l("已退出"),
}
# Roles given by ticking a box; seats (member, liaison, backup) change by a dated membership
# change, and the site's administrator is named by the site.
GIVEN_ROLES = tuple(role for role in ROLES if role not in SEATS and role != "site_admin")
# Refusals whose engine message names what stands in the way (the open tasks): shown as written.
NAMING = {"open_tasks", "last_liaison"}


def administrator() -> Person:
    me = context.person()
    access.require(access.may_administer(me), "the body's roster")
    return me


@dataclass(frozen=True)
class Refusal:
    """Why the engine refused a form: each field's message, and the engine's words when they
    name the records in the way."""

    errors: dict[str, str]
    detail: str = ""


NO_REFUSAL = Refusal({})


def refusal(invalid: InvalidData) -> Refusal:
    errors = {name: _message(error) for name, error in invalid.errors.items()}
    named = any(e.code in NAMING for e in invalid.errors.values()) or "hand_over_to" in invalid.errors
    return Refusal(errors, invalid.message if named else "")


def _message(error: FieldError) -> str:
    role = error.params.get("role")
    if role is None:
        return field_error_message(error)
    return field_error_message(FieldError(error.code, {**error.params, "role": display.ROLE_NAMES.get(role, role)}))


def day_of(field: str, text: str) -> date | None:
    """The day typed in `field`, None when none was; text that is no day refuses the form."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidData({field: FieldError("not_date")}) from None


def person_status(person: Person) -> str:
    if not person.active:
        return "inactive"
    return "locked" if person.locked else "active"


STATUS_NAMES = {"active": _l("在职"), "locked": _l("已锁定"), "inactive": _l("已停用")}


@bp.context_processor
def _names() -> dict:
    return {
        "role_names": display.ROLE_NAMES,
        "kind_names": KIND_NAMES,
        "level_names": display.LEVEL_NAMES,
        "status_names": STATUS_NAMES,
        "person_status": person_status,
        "seats": SEATS,
    }


from webui.roster import body, io, people, seats, units  # noqa: E402, F401 - they add their routes to bp
