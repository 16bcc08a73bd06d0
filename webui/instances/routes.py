"""Process instances: the list, one instance's page (webui.instances.page), and starting a new one."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from sqlalchemy.orm import Session

from engine.core.errors import FieldError
from engine.core.limits import TITLE_MAX
from engine.dashboard import lists, paging
from engine.org.models import Person
from engine.workflow import access, control, deploy, inbox, instances
from engine.workflow.models import WorkflowSpec
from webui.common import context, display
from webui.common.i18n import field_error_message
from webui.instances import page as instance_page
from webui.supervision import levels
from webui.supervision.routes import send_attachment

bp = Blueprint("instances", __name__)

FILTERS = {
    "all": (_l("全部"), None),
    "running": (display.STATUS_NAMES["running"], "running"),
    "completed": (display.INSTANCE_STATUS_NAMES["completed"], "completed"),
    "cancelled": (display.INSTANCE_STATUS_NAMES["cancelled"], "cancelled"),
}


@bp.get("/instances")
@login_required
def index():
    """A liaison sees only the instances their unit or they take part in; filtered by process
    and status, paged."""
    session, me = context.db_session(), context.person()
    processes = {p.process_id: display.process_name(p) for p in deploy.deployed(session)}
    process = request.args.get("process") if request.args.get("process") in processes else None
    chosen = request.args.get("status") if request.args.get("status") in FILTERS else "all"
    counts = lists.status_counts(session, lists.instances(me, process, None))
    query = lists.instances(me, process, FILTERS[chosen][1])
    page = paging.paginate(session, query, paging.page_number(request.args.get("page")))
    return render_template(
        "instances/index.html",
        instances=page.items,
        page=page,
        filters=[(key, label, counts.get(s, 0) if s else sum(counts.values())) for key, (label, s) in FILTERS.items()],
        chosen=chosen,
        processes=processes,
        process=process,
        args={k: v for k, v in (("process", process), ("status", chosen)) if v},
        open_counts=inbox.open_counts(session, me.body_id, among=[i.id for i in page.items]),
        may_list_versions=control.may_list(me),
    )


@bp.get("/instances/<int:instance_id>")
@login_required
def show(instance_id: int):
    return instance_page.render(access.visible_instance(context.db_session(), context.person(), instance_id))


@bp.get("/instances/<int:instance_id>/files/<int:attachment_id>")
@login_required
def file(instance_id: int, attachment_id: int):
    """A file a task's form kept (docs/ATTACHMENTS.md): for whoever may see the instance."""
    return send_attachment(access.visible_file(context.db_session(), context.person(), instance_id, attachment_id))


@bp.post("/instances/<int:instance_id>/files/<int:attachment_id>/level")
@login_required
def set_file_level(instance_id: int, attachment_id: int):
    """The office's 密级 of a form's file (docs/CONFIDENTIALITY.md), audited with the instance."""
    with context.unit_of_work() as uow:
        me = context.person_in(uow)
        levels.change(uow, me, access.visible_file(uow.session, me, instance_id, attachment_id), instance_id)
    return redirect(url_for("instances.show", instance_id=instance_id, _anchor="files"))


@bp.route("/instances/new", methods=["GET", "POST"])
@login_required
def new():
    session, me = context.db_session(), context.person()
    if not access.can_start(me):
        abort(403)
    deployed = deploy.deployed(session)  # the latest version of each: a new instance starts on it
    processes = [p for p in deployed if instances.startable_by(p, me)]
    if request.method == "GET":
        return render_template("instances/new.html", processes=processes, errors={}, form={})
    form = {
        "process_id": request.form.get("process_id", ""),
        "title": request.form.get("title", "").strip(),
    }
    errors = _check_start(form, processes, deployed)
    if errors:
        return render_template("instances/new.html", processes=processes, errors=errors, form=form), 422
    with context.unit_of_work() as uow:
        instance = instances.start_by_hand(
            uow.session,
            form["process_id"],
            context.person_in(uow).body,
            {"title": form["title"]},
            me.username,
            context.now(),
            unit=access.starting_unit(me),
        )
        landing = _landing(uow.session, instance.id, me)
        uow.commit()
    return redirect(landing)


def _check_start(form: dict, processes: list[WorkflowSpec], deployed: list[WorkflowSpec]) -> dict[str, str]:
    errors = {}
    if form["process_id"] in {p.process_id for p in deployed} - {p.process_id for p in processes}:
        errors["process_id"] = _("该流程由系统在需要时自动发起，不能手动发起。")
    elif form["process_id"] not in {p.process_id for p in processes}:
        errors["process_id"] = field_error_message(FieldError("not_a_choice"))
    if not form["title"]:
        errors["title"] = field_error_message(FieldError("required"))
    elif len(form["title"]) > TITLE_MAX:
        errors["title"] = field_error_message(FieldError("too_long", {"max": TITLE_MAX}))
    return errors


def _landing(session: Session, instance_id: int, me: Person) -> str:
    """The new instance's first step, if it is the starter's to see; else its page. Read in
    the writing session: the request's read session began before the instance existed."""
    for task in inbox.all_tasks(session, instance_id=instance_id):
        if access.can_see_task(me, task):
            return url_for("tasks.show", task_id=task.id)
    return url_for("instances.show", instance_id=instance_id)
