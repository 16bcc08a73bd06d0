"""The meeting page's 会议经过: engine.meetings.timeline's events put into words. The convener's
comments on a proposal are the office's business, so only those who see the whole body read them."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engine.meetings.timeline import Event
from webui.common import display

DECISIONS = {"approve": _l("审定同意会议方案"), "return": _l("退回会议方案修改"), "cancel": _l("决定不予召开")}


def entries(events: list[Event], office_view: bool) -> list[dict]:
    return [{"at": e.at, "what": _WORDS[e.kind](e, office_view), "who": e.who} for e in events]


def _units(codes: list[str]) -> str:
    names = display.names().units
    return _("、").join(names.get(code, code) for code in codes)


def _topics_closed(event: Event, office_view: bool) -> str:
    d = event.detail
    if d.get("consultation"):
        what = _("征求意见结束：%(n)s 家单位提出意见", n=len(d["suggested"]))
        silent = _("；截止未答复、记为无意见：%(units)s", units=_units(d["silent"]))
    else:
        what = _("议题征集结束：%(n)s 家单位提出议题", n=len(d["suggested"]))
        silent = _("；截止未答复、记为无建议：%(units)s", units=_units(d["silent"]))
    return what + silent if d["silent"] else what


def _decided(event: Event, office_view: bool) -> str:
    what = str(DECISIONS.get(event.detail["decision"], event.detail["decision"]))
    if office_view and event.detail["comment"]:
        what += _("（意见：%(comment)s）", comment=event.detail["comment"])
    return what


def _attendance(event: Event, office_view: bool) -> str:
    what = _("登记参会情况：%(n)s 家单位到会", n=len(event.detail["attended"]))
    if event.detail["absent"]:
        what += _("；缺席：%(units)s", units=_units(event.detail["absent"]))
    return what


def _cosigned(event: Event, office_view: bool) -> str:
    d = event.detail
    return _(
        "第 %(n)s 稿会签：%(count)s 家单位会签，%(dissent)s 家不同意",
        n=d["number"],
        count=d["count"],
        dissent=d["dissent"],
    )


def _receipts(event: Event, office_view: bool) -> str:
    d = event.detail
    return _(
        "已签收 %(count)s / %(total)s 份，最近签收：%(unit)s",
        count=d["count"],
        total=d["total"],
        unit=display.names().units.get(d["unit"], d["unit"]),
    )


_WORDS: dict[str, Callable[[Event, bool], str]] = {
    "opened": lambda e, o: _("会议启动"),
    "topics_closed": _topics_closed,
    "decided": _decided,
    "notice_sent": lambda e, o: _("向参会单位发出会议通知"),
    "held": lambda e, o: _("会议召开"),
    "attendance": _attendance,
    "drafted": lambda e, o: _("起草会议纪要第 %(n)s 稿", n=e.detail["number"]),
    "cosigned": _cosigned,
    "disputed": lambda e, o: _(
        "协调未果，分歧事项待报请%(government)s决定（%(units)s）",
        government=e.detail["government"],
        units=_units(e.detail["units"]),
    ),
    "referral_sent": lambda e, o: _(
        "召集人签发请示，分歧事项报请%(government)s决定", government=e.detail["government"]
    ),
    "government_decided": lambda e, o: _(
        "登记%(government)s决定（%(number)s）：%(text)s",
        government=e.detail["government"],
        number=e.detail["number"],
        text=e.detail["text"],
    ),
    "issued": lambda e, o: _("会议纪要签发印发"),
    "receipts": _receipts,
}
