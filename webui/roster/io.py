"""The roster workbook (名册.xlsx): the empty template, the body's roster, and importing a
filled one in two steps: upload and see what it would do, then confirm (engine.roster.workbook).

Between the two steps the file waits on the server, never in the browser: under the instance
folder, in a folder of the body and of the person who uploaded it, named by a random token (a
name the uploader chose never reaches the disk). Each person has at most one waiting: a new
upload replaces it, and applying it removes it.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from flask import Response, render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import FieldError
from engine.org.models import Person
from engine.roster import workbook
from webui.common import context
from webui.common.i18n import field_error_message
from webui.roster import administrator, bp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOADS = "roster-imports"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")


@bp.get("/roster/export.xlsx")
@login_required
def export():
    me = administrator()
    content = workbook.export(context.db_session(), me.body_id)
    return _xlsx(content, f"roster-{me.body.code}-{context.now():%Y%m%d}.xlsx")


@bp.get("/roster/template.xlsx")
@login_required
def template():
    administrator()
    return _xlsx(workbook.template(), "roster-template.xlsx")


@bp.get("/roster/import")
@login_required
def import_page():
    administrator()
    return render_template("roster/import.html")


@bp.post("/roster/import")
@login_required
def import_preview():
    """Read the file and show what importing it would do, or every problem in it."""
    me = administrator()
    upload = request.files.get("file")
    data = upload.read() if upload else b""
    refused = _upload_refused(upload.filename if upload else "", data)
    if refused:
        return render_template("roster/import.html", upload_error=refused), 422
    try:
        roster = workbook.read(data)
    except workbook.WorkbookInvalid as invalid:
        return render_template("roster/import.html", problems=invalid.problems), 422
    plan = workbook.preview(context.db_session(), me.body_id, roster)
    if plan.problems:
        return render_template("roster/import.html", problems=plan.problems), 422
    token = _keep(me, data) if plan.changes else ""
    return render_template("roster/import.html", plan=plan, token=token)


@bp.post("/roster/import/confirm")
@login_required
def import_confirm():
    me = administrator()
    kept = _kept(me, request.form.get("token", ""))
    if kept is None:
        return render_template("roster/import.html", upload_error=_("上传的文件已失效，请重新上传。")), 422
    try:
        roster = workbook.read(kept.read_bytes())
        with context.unit_of_work() as uow:
            applied = workbook.apply(uow.session, me.body_id, roster, me.username, context.now())
            uow.commit()
    except workbook.WorkbookInvalid as invalid:
        kept.unlink(missing_ok=True)  # the roster changed since the preview: the file must be redone
        return render_template("roster/import.html", problems=invalid.problems), 422
    kept.unlink(missing_ok=True)
    passwords = [(row.username, row.display_name, applied.passwords[row.username]) for row in applied.done.people_added]
    return render_template("roster/imported.html", plan=applied.done, passwords=passwords)


def _upload_refused(filename: str, data: bytes) -> str:
    if not data:
        return field_error_message(FieldError("file_empty"))
    if not filename.lower().endswith(".xlsx"):
        return field_error_message(FieldError("file_type", {"types": ".xlsx"}))
    return ""


def _xlsx(content: bytes, filename: str) -> Response:
    response = Response(content, mimetype=XLSX)
    response.headers["Content-Disposition"] = f"attachment; filename={filename}"
    return response


def _folder(me: Person) -> Path:
    return Path(context.lianxi().settings.instance_dir) / UPLOADS / str(me.body_id) / str(me.id)


def _keep(me: Person, data: bytes) -> str:
    folder = _folder(me)
    folder.mkdir(parents=True, exist_ok=True)
    for waiting in folder.glob("*.xlsx"):
        waiting.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.xlsx").write_bytes(data)
    return token


def _kept(me: Person, token: str) -> Path | None:
    """The file waiting under that token, or None for one gone or a token no upload was given."""
    if not TOKEN.match(token):
        return None
    path = _folder(me) / f"{token}.xlsx"
    return path if path.is_file() else None
