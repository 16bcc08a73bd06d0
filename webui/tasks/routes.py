"""The task page and what is done on it: complete, 代办, draft, comment, reassign.

Every write runs in one unit of work that commits only on success, so a refused submission
(422) leaves the task exactly as it was. A task no longer open answers with its own page (409),
saying who did it and when (`_no_longer_open`); other engine errors (NotFound, Forbidden) are
left to propagate: webui.common.errors turns them into 404 / 403 pages.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from engine.core.errors import DeadlinePassed, InvalidData, NoLongerOpen, NotReassignable
from engine.workflow import access, tasks
from engine.workflow.models import HumanTask
from webui.common import context, display
from webui.common.i18n import field_error_message
from webui.meetings import task_extras as meeting_task
from webui.tasks import forms as task_forms
from webui.tasks import page as task_page

bp = Blueprint("tasks", __name__)


def _visible(task_id: str) -> HumanTask:
    return access.visible_task(context.db_session(), context.person(), task_id)


@bp.get("/tasks/<task_id>")
@login_required
def show(task_id: str):
    task = _visible(task_id)
    meeting_task.note_opened(task)
    return task_page.render(task)


@bp.post("/tasks/<task_id>/complete")
@login_required
def complete(task_id: str):
    return _complete(_visible(task_id), on_behalf_reason=None)


@bp.post("/tasks/<task_id>/on-behalf")
@login_required
def on_behalf(task_id: str):
    """代办: the office completes a unit's task for it; the reason goes into the audit log."""
    task = _visible(task_id)
    reason = request.form.get("reason", "").strip()
    if not reason and access.can_act_for_unit(context.person(), task):
        values = task_forms.submitted(tasks.form_of(task), request.form, request.files)
        problems = {"on_behalf": _("请填写代办理由。")}
        return task_page.render(task, 422, values=values, problems=problems)
    return _complete(task, on_behalf_reason=reason)


def _complete(task: HumanTask, on_behalf_reason: str | None):
    values = task_forms.submitted(tasks.form_of(task), request.form, request.files)
    with context.unit_of_work() as uow:
        try:
            tasks.complete(uow, context.person_in(uow), task.id, values, context.now(), on_behalf_reason)
        except InvalidData as invalid:
            errors = invalid.errors  # the unit of work rolls back: nothing is saved
        except DeadlinePassed:
            return _closed_at_deadline(task)
        except NoLongerOpen:
            return _no_longer_open(task)
        else:
            uow.commit()
            done = _("已代办：%(title)s") if on_behalf_reason else _("已办理：%(title)s")
            flash(done % {"title": display.task_title(task)}, "success")
            return redirect(url_for("inbox.index"))
    return task_page.render(task, 422, values=values, errors=errors)


def _closed_at_deadline(task: HumanTask):
    """The request closed at its deadline before this answer came: show it closed, and why (409)."""
    context.db_session().rollback()  # the closing was committed meanwhile: read the task afresh
    flash(_("征集已截止，此事项已按流程规定关闭，本次提交未被接受。"), "error")
    return task_page.render(task, 409)


def _no_longer_open(task: HumanTask):
    """Done or withdrawn meanwhile (409): say by whom, and to the one who did it, that it was them
    (a second click, a reload of the submission, another tab)."""
    session = context.db_session()
    session.rollback()  # read the row as the one who finished it left it
    task = session.get(HumanTask, task.id)
    when = display.local_time(task.closed_at)
    if task.status != "completed":
        flash(_("此事项已撤销，无需办理。"), "error")
    elif task.completed_by == context.person().username:
        flash(_("您已于 %(when)s 办理此事项，无需再次提交。", when=when), "error")
    else:
        who = display.person_name(task.completed_by)
        flash(_("此事项已由 %(who)s 于 %(when)s 办理，无需再次提交。", who=who, when=when), "error")
    return task_page.render(task, 409)


@bp.post("/tasks/<task_id>/draft")
@login_required
def draft(task_id: str):
    task = _visible(task_id)
    if task.status != "open":  # done or withdrawn since the form was shown (another tab, a colleague)
        return _no_longer_open(task)
    if task_page.action_mode(context.person(), task) is None:
        abort(403)
    values = task_forms.submitted(tasks.form_of(task), request.form)
    with context.unit_of_work() as uow:
        try:
            tasks.save_draft(uow.session, context.person_in(uow), task.id, values, context.now())
        except NoLongerOpen:
            return _no_longer_open(task)
        uow.commit()
    flash(_("草稿已保存 %(time)s", time=f"{context.now():%H:%M}"), "success")
    return redirect(url_for("tasks.show", task_id=task.id))


@bp.post("/tasks/<task_id>/comments")
@login_required
def comment(task_id: str):
    task = _visible(task_id)
    text = request.form.get("text", "")
    with context.unit_of_work() as uow:
        try:
            tasks.add_comment(uow.session, context.person_in(uow), task.id, text, context.now())
        except InvalidData as invalid:
            # the page again, with what was typed and the reason beside the box (422)
            problem = field_error_message(invalid.errors["text"])
        else:
            uow.commit()
            flash(_("意见已发表。"), "success")
            return redirect(url_for("tasks.show", task_id=task.id, _anchor="comments"))
    return task_page.render(task, 422, problems={"comment": problem}, comment=text)


@bp.post("/tasks/<task_id>/reassign")
@login_required
def reassign(task_id: str):
    """改派 (office only): to another unit or a person, with the reason on record."""
    task = _visible(task_id)
    if not context.person().is_office:
        abort(403)
    if task.status != "open":  # before the reason: the page shown has no reassign form to correct
        return _no_longer_open(task)
    kind, _sep, assignee = request.form.get("assignee", "").partition(":")
    reason = request.form.get("reason", "").strip()
    if not reason:
        return task_page.render(task, 422, problems={"reassign": _("请填写改派理由。")})
    with context.unit_of_work() as uow:
        try:
            tasks.reassign(uow, context.person_in(uow), task.id, kind, assignee, reason, context.now())
        except InvalidData as invalid:
            problem = field_error_message(invalid.errors["assignee"])
        except NoLongerOpen:
            return _no_longer_open(task)
        except NotReassignable as refused:
            flash(_reassign_refusal(task, refused.rule), "error")  # shown where no reassign form is
            return task_page.render(task, 403)
        else:
            uow.commit()
            flash(_("已改派。"), "success")
            return redirect(url_for("tasks.show", task_id=task.id))
    return task_page.render(task, 422, problems={"reassign": problem})


def _reassign_refusal(task: HumanTask, rule: str) -> str:
    if rule == "own_consent":
        return _("会签须由本单位自行表态：此事项已发给该单位的全部联络员，不能改派，也不能由办公室代办。")
    role = display.ROLE_NAMES.get(task.lane, task.lane)
    return _("此事项属于%(role)s的职责，只能改派给担任该职务的人员。", role=role)
