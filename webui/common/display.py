"""How times, people and process data read on the pages.

Deadlines are calendar facts in Asia/Shanghai (docs/RULES.md), so every time shown is converted
there, whatever zone the row came back in. Names are looked up once per request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import Flask, g
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from engine.core.clock import as_aware
from engine.meetings import items as meeting_items
from engine.org import accounts
from engine.org.queries import display_names, unit_names
from engine.supervision import workbook
from engine.workflow import access
from engine.workflow.models import HumanTask
from webui.common import context
from webui.common.i18n import pick

SOON = timedelta(days=3)  # "即将到期": due within three days
_WEEKDAYS = (_l("周一"), _l("周二"), _l("周三"), _l("周四"), _l("周五"), _l("周六"), _l("周日"))
_ISO_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

ROLE_NAMES = {
    "office": _l("办公室"),
    "office_director": _l("办公室主任"),
    "office_deputy": _l("办公室副主任"),
    "office_staff": _l("办公室工作人员"),
    "convener": _l("召集人"),
    "deputy_convener": _l("副召集人"),
    "liaison": _l("联络员"),
    "backup_liaison": _l("备用联络员"),
    "member": _l("成员"),
    "admin": _l("管理员"),
    "site_admin": _l("站点管理员"),
    "mediator": _l("召集人或办公室主任"),
}
# A body's level (engine.org.models.LEVELS).
LEVEL_NAMES = {"district": _l("区级"), "city": _l("市级"), "province": _l("省级")}
# A task is a person's 待办 until done (已办); 办结 is the office's closing of a supervised item.
STATUS_NAMES = {
    "open": _l("待办"),
    "completed": _l("已办"),
    "cancelled": _l("已撤销"),
    "running": _l("办理中"),
    "error": _l("出错"),
}
# A process's own words where they differ from a task's: it finishes, nobody 办 it.
INSTANCE_STATUS_NAMES = {"completed": _l("已完成"), "cancelled": _l("已终止")}
# A supervised item's status at a glance (engine.supervision.status.STATUSES) and its source
# (engine.supervision.ledger.SOURCES): on the supervision pages and in the ledger workbook.
ITEM_STATUS_NAMES = {
    "on_track": _l("正常推进"),
    "due_soon": _l("即将到期"),  # the same word as a task's due_state
    "overdue": _l("逾期"),
    "closed": _l("已办结"),
}
SOURCE_NAMES = {
    "full": _l("全体会议纪要"),
    "special": _l("专题会议纪要"),
    "office": _l("办公室会议纪要"),
    "by_hand": _l("交办事项"),
    "inspection": _l("联合督查"),
}


@dataclass(frozen=True)
class Names:
    units: dict[str, str]  # code -> unit name
    people: dict[str, str]  # username -> display name


def names() -> Names:
    """The signed-in person's body: its units and people, once per request."""
    if "names" not in g:
        session, body_id = context.db_session(), context.person().body_id
        g.names = Names(units=unit_names(session, body_id), people=display_names(session, body_id))
    return g.names


def local_time(at: datetime | str | None, weekday: bool = True) -> str:
    """A time as a person reads it here, e.g. 2026-12-20 周日 18:00 (Asia/Shanghai); "" for none."""
    if not at:
        return ""
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at)
        except ValueError:
            return at
    at = as_aware(at)
    day = f"{at:%Y-%m-%d} {_WEEKDAYS[at.weekday()]}" if weekday else f"{at:%Y-%m-%d}"
    return f"{day} {at:%H:%M}"


def local_day(day: date) -> str:
    """A calendar day as a person reads it here, e.g. 2027-02-07 周日."""
    return f"{day:%Y-%m-%d} {_WEEKDAYS[day.weekday()]}"


def due_state(task: HumanTask) -> tuple[str, str] | None:
    """("overdue", "已逾期 2 天") or ("soon", "即将到期") for an open task, else None."""
    if task.due_at is None or task.status != "open":
        return None
    now = context.now()
    if task.due_at < now:
        days = (now.date() - as_aware(task.due_at).date()).days
        text = ngettext("已逾期 %(num)s 天", "已逾期 %(num)s 天", days) if days >= 1 else _("已逾期")
        return "overdue", text
    if task.due_at - now <= SOON:
        return "soon", _("即将到期")
    return None


def task_title(task: HumanTask) -> str:
    return pick({"zh_CN": task.title, "en": task.title_en})


# Who acts when no person does: the scheduler, the command line, setting up, a migration.
SYSTEM_ACTORS = frozenset({"system", "cli", "setup", "migration"})


def person_name(username: str | None) -> str:
    if not username:
        return ""
    if username in SYSTEM_ACTORS:
        return _("系统")
    return names().people.get(username, username)


def assignee_label(task: HumanTask) -> str:
    """To whom: the unit's name, the role's name or the person's."""
    if task.assignee_kind == "unit":
        return names().units.get(task.assignee, task.assignee)
    if task.assignee_kind == "person":
        return person_name(task.assignee)
    return str(ROLE_NAMES.get(task.assignee, task.assignee))


def status_name(status: str, of: str = "task") -> str:
    """A task's or (`of="instance"`) a process's status."""
    names = INSTANCE_STATUS_NAMES if of == "instance" else STATUS_NAMES
    return str(names.get(status) or STATUS_NAMES.get(status, status))


def ledger_names() -> workbook.Names:
    """The ledger workbook's words (督办台账.xlsx): a Chinese document, whatever the page's language."""
    with force_locale("zh_CN"):
        return workbook.Names(
            statuses={code: str(name) for code, name in ITEM_STATUS_NAMES.items()},
            sources={code: str(name) for code, name in SOURCE_NAMES.items()},
        )


def liaison_role_name(roles: frozenset[str]) -> str:
    """How a unit's liaison is named beside them: 联络员, or 备用联络员 for the backup."""
    return str(ROLE_NAMES["liaison" if "liaison" in roles else "backup_liaison"])


def readable(value: object) -> tuple[str, object]:
    """Process data as a person reads it: ("list", [...]) or ("text", "...")."""
    if isinstance(value, dict):
        if "code" in value and "name" in value:  # one unit, e.g. who reported
            return "text", str(value["name"])
        return "list", [_item_name(code, item) for code, item in value.items()]
    if isinstance(value, list):
        return "list", [str(readable(item)[1]) for item in value]
    if isinstance(value, bool):
        return "text", _("是") if value else _("否")
    if value is None or value == "":
        return "text", "—"
    return "text", _readable_text(str(value))


def _readable_text(text: str) -> str:
    """An instant or a day as a date, a unit's code or a user name as the name."""
    if _ISO_INSTANT.match(text):
        return local_time(text)
    if _ISO_DAY.fullmatch(text):
        return local_day(date.fromisoformat(text))
    known = names()
    return known.units.get(text) or known.people.get(text, text)


@dataclass(frozen=True)
class DecidedItem:
    """One line of 议定事项 as a table row; `raw` alone when the line does not read as four parts."""

    text: str = ""
    lead: str = ""
    cooperating: tuple[str, ...] = ()
    due: str = ""
    raw: str | None = None


def decided_items(value: object, units: dict[str, str]) -> list[DecidedItem]:
    """Lines `事项｜牵头单位代码｜配合单位代码｜完成时限`, read by engine.meetings.items, with the
    units named (`units`: code → name)."""
    return [
        DecidedItem(raw=line)
        if item is None
        else DecidedItem(
            text=item["text"],
            lead=units.get(item["lead"], item["lead"]),
            cooperating=tuple(units.get(c, c) for c in item["cooperating"]),
            due=item["due"],
        )
        for _number, line, item in meeting_items.read(str(value or ""))
    ]


DATA_LABELS = {"suggestions": _l("议题建议"), "cosignatures": _l("会签意见")}  # data no form field names
# What an action plan's tasks show beside their forms (engine/plan_runs).
DATA_LABELS |= {
    "plan_title": _l("方案名称"),
    "deliverable_title": _l("工作成果"),
    "rule_text": _l("时限要求"),
    "phase_title": _l("所属阶段"),
    "cooperating": _l("配合单位"),
    "mobilize_due": _l("报送时限"),
    "review_quarter": _l("调度季度"),
    "period": _l("填报期"),
    "indicator_list": _l("本期填报指标"),
    "prefilled_values": _l("上期及已报数值"),
    "recipient": _l("报送对象"),
}
# What a supervised item's tasks show (engine/supervision), and the annual cycle's (engine/annual).
DATA_LABELS |= {
    "item_text": _l("督办事项"),
    "source_title": _l("事项来源"),
    "item_due": _l("完成时限"),
    "lead": _l("牵头单位"),
    "title": _l("标题"),
    "deadline": _l("报送截止日期"),
    "reporter": _l("报送单位"),
    "attendance_candidates": _l("应到单位"),
}
# What the information processes' tasks show (engine/information).
DATA_LABELS |= {"event_text": _l("事件情况"), "accepted_reports": _l("可编入的信息"), "bulletin_items": _l("本期要目")}
# A co-signature's decision (会签意见), on the task pages and the meeting's.
DECISION_NAMES = {"agree": _l("同意"), "agree_with_comments": _l("同意并提出意见"), "disagree": _l("不同意")}


def cosignature(unit: str, signature) -> dict:  # noqa: ANN001
    """A unit's co-signature (of minutes or of a document) as the co-signing table shows it: the
    unit by name, and its answer, or none yet (signature None)."""
    if signature is None:
        return {"unit": unit, "decision": None}
    return {
        "unit": unit,
        "decision": signature.decision,
        "decision_name": str(DECISION_NAMES.get(signature.decision, signature.decision)),
        "comment": signature.comment,
        "by": signature.signed_by,
        "at": signature.signed_at,
    }


@dataclass(frozen=True)
class UnitAnswer:
    """One unit's answer gathered by a multi-instance step: a topic suggestion or a co-signature."""

    unit: str
    badge: str = ""  # e.g. "decision-disagree", "state-closed"; "" for none
    verdict: str = ""
    text: str = ""


def unit_answers(value: object, units: dict[str, str]) -> list[UnitAnswer] | None:
    """Each unit's answer as a row, or None when `value` is not a dict of answers by unit code."""
    if not isinstance(value, dict) or not value:
        return None
    if not all(isinstance(a, dict) and "name" not in a for a in value.values()):
        return None
    rows = []
    for code, answer in value.items():
        unit = units.get(code, code)
        if "decision" in answer:
            decision = str(answer["decision"])
            verdict = str(DECISION_NAMES.get(decision, decision))
            rows.append(UnitAnswer(unit, f"decision-{decision}", verdict, str(answer.get("comment") or "")))
        elif answer.get("closed_at_deadline"):
            rows.append(UnitAnswer(unit, "state-closed", _("截止未提出")))
        elif "topics" in answer:
            topics = str(answer.get("topics") or "").strip()
            rows.append(UnitAnswer(unit, text=topics) if topics else UnitAnswer(unit, verdict=_("无建议")))
        else:
            return None
    return rows


def _item_name(code: str, item: object) -> str:
    if isinstance(item, dict) and "name" in item:
        return str(item["name"])
    return names().units.get(code, f"{code}: {item}")


def field_labels(forms: dict) -> dict[str, str]:
    """Every field label a process's forms define: how its data is named on a page."""
    labels = {}
    for form in forms.values():
        for spec in form.get("fields", []):
            labels.setdefault(spec["name"], pick(spec.get("label")) or spec["name"])
    return labels


def shell() -> dict:
    """What base.html needs on every page: who is signed in and what they may open."""
    if not current_user.is_authenticated:
        return {"me": None}
    me = context.person()
    return {
        "me": me,
        "my_roles": [str(ROLE_NAMES[r]) for r in ROLE_NAMES if r in me.roles],  # most senior first
        "may_start": access.can_start(me),
        "sees_body": me.sees_whole_body,
    }


def process_name(spec) -> str:  # noqa: ANN001 - a deployed WorkflowSpec
    return pick({"zh_CN": spec.name, "en": spec.name_en})


def init_app(app: Flask) -> None:
    for name, function in {
        "process_name": process_name,
        "local_time": local_time,
        "local_day": local_day,
        "status_name": status_name,
        "person_name": person_name,
        "task_title": task_title,
    }.items():
        app.jinja_env.filters[name] = function
    app.jinja_env.globals.update(
        due_state=due_state,
        assignee_label=assignee_label,
        min_password_length=accounts.MIN_PASSWORD_LENGTH,
    )
    app.context_processor(shell)
