"""The notification centre (the in-app channel): one's own notifications, newest first, and the
unread count the page header shows beside the bell.

Only one's own rows: someone else's notification id answers 404, exactly like one that does not
exist. (This module is not the `notifications` package, which webui never imports.)
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from engine.reminders import notifications as centre
from webui.common import context
from webui.me import bp

PAGE_SIZE = 100
FILTERS = {"all": _l("全部"), "unread": _l("未读")}


@bp.app_context_processor
def _header() -> dict:
    """The bell's badge: one COUNT over ix_notification_unread, and only for a signed-in person."""
    if not current_user.is_authenticated:
        return {}
    return {"unread_count": centre.unread_count(context.db_session(), context.person())}


@bp.get("/notifications")
@login_required
def notifications():
    shown = request.args.get("show", "all")
    if shown not in FILTERS:
        shown = "all"
    rows = centre.of_person(context.db_session(), context.person(), unread_only=shown == "unread", limit=PAGE_SIZE)
    return render_template(
        "me/notifications.html", notifications=rows, shown=shown, filters=FILTERS, page_size=PAGE_SIZE
    )


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def notification_read(notification_id: int):
    with context.unit_of_work() as uow:
        if centre.mark_read(uow.session, context.person_in(uow), notification_id, context.now()):
            uow.commit()
    return redirect(_back())


@bp.post("/notifications/read-all")
@login_required
def notifications_read_all():
    with context.unit_of_work() as uow:
        marked = centre.mark_all_read(uow.session, context.person(), context.now())
        uow.commit()
    if marked:
        flash(_("已将 %(n)s 条通知标为已读。", n=marked), "success")
    return redirect(_back())


def _back() -> str:
    """Back to the list as it was shown (all or unread only)."""
    shown = request.form.get("show")
    return url_for("me.notifications", show=shown) if shown in FILTERS else url_for("me.notifications")
