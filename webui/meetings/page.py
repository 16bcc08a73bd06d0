"""Everything a meeting's page shows, gathered from the meeting's records (engine.meetings.queries):
its facts and units, the minutes with every version and co-signature, and for the office and the
convener the unit-by-unit matrices of each request sent to many."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from engine.dashboard import paging
from engine.meetings import queries as views
from engine.meetings import referrals, sitting_in, stages, timeline
from engine.meetings.models import CoSignature, GovernmentReferral, Meeting, MinutesVersion, TopicSuggestion
from engine.org.models import Body, Person
from engine.workflow import access, inbox
from engine.workflow.models import ProcessInstance
from webui.common import display
from webui.meetings import timeline as meeting_timeline

PER_PAGE = 20  # meetings a page of the list
KINDS = {"full": _l("全体会议"), "special": _l("专题会议"), "office": _l("办公室会议")}
STATUSES = {
    "soliciting": _l("征集议题"),
    "proposed": _l("待审定"),
    "returned": _l("退回修改方案"),
    "approved": _l("已审定"),
    "cancelled": _l("已取消"),
    "held": _l("已召开"),
    "cosigning": _l("会签中"),
    "signing": _l("待签发"),
    "drafting": _l("修改纪要"),
    "issued": _l("已印发"),
}
COPY_ROLES = {"member": _l("成员单位"), "invited": _l("受邀单位"), "copy": _l("抄报")}
STAGE_NAMES = {
    "topics": _l("征集议题"),
    "proposal": _l("拟定方案"),
    "decision": _l("审定"),
    "held": _l("召开"),
    "drafting": _l("起草纪要"),
    "cosigning": _l("会签"),
    "signing": _l("签发"),
    "issued": _l("印发"),
    "receipts": _l("签收"),
}
# A special meeting's first stage is the consultation of its units (the joint-meeting rules §四(二)).
STAGE_NAMES_BY_KIND = {("special", "topics"): _l("征求意见")}
STATES = {
    "not_opened": _l("未查看"),
    "opened": _l("已查看"),
    "draft_saved": _l("已存草稿"),
    "answered": _l("已答复"),
    "returned": _l("不同意（退回）"),
    "accepted": _l("已同意"),
    "closed": _l("截止未答复"),
}
MATRIX_STEPS = (("cosign_minutes", _l("纪要会签")), ("suggest_topics", _l("议题征集")))  # the latest step first
# A special meeting's request to its units is the consultation before its proposal (the joint-meeting rules §四(二)).
STEP_TITLES_BY_KIND = {("special", "suggest_topics"): _l("征求意见")}


def listing(meetings: list[Meeting], number: int) -> paging.Page:
    """One page of the meetings list. The list is cut here, not in the database, because whether
    a unit's person may see a meeting is decided per meeting (engine.meetings.access); a body
    holds a few dozen meetings a year."""
    return paging.cut(meetings, number, PER_PAGE)


def detail(session: Session, me: Person, meeting: Meeting) -> dict:
    instance = views.instance_of(session, meeting)
    page = {
        "meeting": meeting,
        "units": unit_lists(meeting, sitting_in.names(session, meeting)),
        "sitting_in_choices": _sitting_in_choices(session, me, meeting),
        "versions": _versions(session, me, meeting),
        "disputes": _disputes(session, me, meeting),
        "government": session.get(Body, meeting.body_id).government_name,
        "may_see_instance": access.can_see_instance(session, me, instance),
        "office_view": me.sees_whole_body,
        **labels(),
    }
    page["timeline"] = meeting_timeline.entries(timeline.events(session, meeting), me.sees_whole_body)
    page["own_copy"] = views.copy_for(session, meeting, me)
    page["stages"] = _stages(session, meeting)
    if me.sees_whole_body:
        page["owed"] = _owed(session, meeting.instance_id)
        page["suggestions"] = _suggestions(session, meeting)
        page["matrices"] = _matrices(session, meeting)
        page["copies"] = views.copies(session, meeting)
    return page


def _stages(session: Session, meeting: Meeting) -> list[dict]:
    owed = any(task.status == "open" for task in views.receipt_tasks(session, meeting).values())
    return [
        {"name": str(STAGE_NAMES_BY_KIND.get((meeting.kind, stage), STAGE_NAMES[stage])), "state": state}
        for stage, state in stages.progress(meeting, owed)
    ]


def labels() -> dict:
    """The names a meeting's templates show for codes."""
    units = display.names().units
    return {
        "unit_name": lambda code: units.get(code, code),
        "state_names": {k: str(v) for k, v in STATES.items()},
        "decision_names": {k: str(v) for k, v in display.DECISION_NAMES.items()},
        "copy_roles": {k: str(v) for k, v in COPY_ROLES.items()},
    }


def unit_lists(meeting: Meeting, sat_in: list[str]) -> list[tuple[str, list[str]]]:
    """Who attended, and on a full meeting the office's people who sat in (列席) next, as the
    minutes print them; then who was absent and who was invited."""
    sitting = [(_("列席人员"), sat_in)] if meeting.kind == "full" else []
    return [
        (_("参会单位"), _unit_names(meeting.attended_units)),
        *sitting,
        (_("缺席单位"), _unit_names(meeting.absent_units)),
        (_("邀请单位"), _unit_names(meeting.invited_units)),
    ]


def _sitting_in_choices(session: Session, me: Person, meeting: Meeting) -> list[tuple[str, str, bool]]:
    """For the office while it may record who sat in: (user name, name, sat in) of each of its people."""
    if not sitting_in.may_record(me, meeting):
        return []
    chosen = set(meeting.sitting_in)
    return [(p.username, p.display_name, p.username in chosen) for p in sitting_in.candidates(session, meeting.body_id)]


def _unit_names(codes: list[str]) -> list[str]:
    units = display.names().units
    return [units.get(code, code) for code in codes]


def version_view(version: MinutesVersion, signatures: list[CoSignature], states: dict | None = None) -> dict:
    """`states`: the items left to the government by number (government_states)."""
    units, states = display.names().units, states or {}
    items = [
        {
            "text": item["text"],
            "lead": units.get(item["lead"], item["lead"]),
            "cooperating": _unit_names(item.get("cooperating") or []),
            "due": item.get("due", ""),
            **states.get(number, NOT_REFERRED),
        }
        for number, item in enumerate(version.decided_items, start=1)
    ]
    return {"version": version, "items": items, "signatures": [_signature(s) for s in signatures]}


NOT_REFERRED = {"government_state": None, "referral_instance": None}


def government_states(session: Session, me: Person, version: MinutesVersion) -> dict[int, dict]:
    """The version's items left to the government: waiting for its decision ("pending") or
    decided by it ("decided"), with the request's instance when the person may open it."""
    return {
        number: {
            "government_state": state,
            "referral_instance": referral.instance_id if referral and _may_see(session, me, referral) else None,
        }
        for number, (state, referral) in referrals.item_states(session, version).items()
    }


def _may_see(session: Session, me: Person, referral: GovernmentReferral) -> bool:
    return access.can_see_instance(session, me, session.get(ProcessInstance, referral.instance_id))


def _signature(signature: CoSignature) -> dict:
    return display.cosignature(display.names().units.get(signature.unit, signature.unit), signature)


def _versions(session: Session, me: Person, meeting: Meeting) -> list[dict]:
    """Every version; the latest, the one co-signed and issued, marks the items left to the government."""
    versions = views.versions(session, meeting)
    return [
        version_view(v, views.signatures(session, v), government_states(session, me, v) if v is versions[-1] else None)
        for v in versions
    ]


def _disputes(session: Session, me: Person, meeting: Meeting) -> list[dict]:
    return [
        {
            "matter": matter,
            "units": _unit_names(matter.dissenting_units),
            "referral": referral,
            "may_see_referral": referral is not None and _may_see(session, me, referral),
        }
        for matter, referral in referrals.of_meeting(session, meeting)
    ]


def _suggestions(session: Session, meeting: Meeting) -> list[TopicSuggestion]:
    order = list(display.names().units)
    return sorted(
        views.suggestions(session, meeting), key=lambda s: order.index(s.unit) if s.unit in order else len(order)
    )


def _matrices(session: Session, meeting: Meeting) -> list[dict]:
    """Each request sent to many units, one row per unit, stragglers first; a co-signature's
    decision beside the unit that gave it."""
    decisions = views.latest_decisions(session, meeting)
    result = []
    for step, title in MATRIX_STEPS:
        rows = views.matrix(session, meeting.instance_id, step)
        if rows:
            for row in rows:
                answered = step == "cosign_minutes" and row["state"] in ("accepted", "returned")
                row["decision"] = decisions.get(row["unit"]) if answered else None
            title = STEP_TITLES_BY_KIND.get((meeting.kind, step), title)
            result.append({"step": step, "title": str(title), "rows": rows, "owing": _owing(rows)})
    return result


def _owing(rows: list[dict]) -> int:
    return sum(1 for row in rows if row["status"] == "open")


def _owed(session: Session, instance_id: int) -> list[dict]:
    """Who is still owed an answer: each open step and to whom it is addressed."""
    steps: dict[str, dict] = {}
    for task in inbox.all_tasks(session, instance_id=instance_id):
        step = steps.setdefault(task.name, {"title": display.task_title(task), "who": []})
        step["who"].append(display.assignee_label(task))
    return list(steps.values())
