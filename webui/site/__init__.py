"""The site administration: the bodies on this installation and the working-day calendar they
all share. Only for a person holding the role `site_admin`; anyone else gets 403, a body's own
administrator too.

One blueprint; each page's module adds its routes to it.
"""

from flask import Blueprint, abort
from flask_login import current_user

from engine.org.models import Person
from engine.roster import access
from webui.common import context

bp = Blueprint("site", __name__)


def site_admin() -> Person:
    me = context.person()
    if not access.is_site_admin(me):
        abort(403)
    return me


@bp.app_context_processor
def _menu() -> dict:
    return {"is_site_admin": current_user.is_authenticated and access.is_site_admin(context.person())}


from webui.site import bodies, calendar, sign_ins  # noqa: E402, F401 - they add their routes to bp
