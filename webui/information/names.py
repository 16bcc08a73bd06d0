"""What the information pages call the kinds and states of reports and bulletins, in the page's
language; the values are engine.information.models'."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KINDS = {
    "supervision": _l("日常监管信息"),
    "work_news": _l("工作动态"),
    "case_lead": _l("案件线索"),
    "major_event": _l("重大事件"),
}
STATUSES = {"submitted": _l("待审核"), "returned": _l("已退回"), "accepted": _l("已采用"), "merged": _l("已合并")}
# The badge each state wears (webui/static/css/app.css).
BADGES = {
    "submitted": "status-open",
    "returned": "state-returned",
    "accepted": "status-completed",
    "merged": "status-cancelled",
}
MASTHEADS = {"bulletin": _l("简报"), "work_news": _l("工作动态")}
BULLETIN_STATUSES = {"compiling": _l("编辑中"), "approving": _l("待主任审定"), "released": _l("已印发")}


def template_names() -> dict:
    return {
        "report_kinds": KINDS,
        "report_statuses": STATUSES,
        "report_badges": BADGES,
        "mastheads": MASTHEADS,
        "bulletin_statuses": BULLETIN_STATUSES,
    }
