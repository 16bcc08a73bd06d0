"""Bulletins (简报): the issues the caller sees, and one as its .docx has it with the copies signed
for, as the pages do (engine.information.access): before release only the whole body's readers see
an issue, once released the units it went to; anything else is 404."""

from __future__ import annotations

from engine.information import access, bulletins
from webui.api import bp
from webui.common import context
from webui.common.work_shapes import bulletin_detail, bulletin_dict


@bp.get("/bulletins")
def list_bulletins():
    session, me = context.db_session(), context.person()
    found = [b for b in bulletins.of_body(session, me.body_id) if access.can_see_bulletin(session, me, b)]
    return {"bulletins": [bulletin_dict(session, b) for b in found]}


@bp.get("/bulletins/<int:bulletin_id>")
def get_bulletin(bulletin_id: int):
    session = context.db_session()
    return bulletin_detail(session, access.visible_bulletin(session, context.person(), bulletin_id))
