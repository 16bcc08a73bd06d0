"""A full meeting whose mediation fails on one decided item, walked through the services as its
roles would, and the request to the government that its issue starts (the joint-meeting rules
§六(三)): the engine tests, the web tests and tests/task_states.py share these steps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine.demo import walkthrough
from engine.meetings.models import GovernmentReferral, Meeting
from engine.workflow import inbox

DISPUTED = "开展尘肺病患者摸底调查"
CORRECTION = "本局负责困难患者救助，摸底调查应由掌握企业名录的单位承担"


def draft(now: datetime) -> dict:
    """Two decided items; the second is the one the 区工信局 will not lead."""
    return {
        "minutes_text": "会议听取了各成员单位年度工作情况汇报，研究部署了下一年度重点工作。",
        "decided_items": "\n".join(
            [
                f"起草下一年度工作要点｜wjj｜rsj，zgh｜{walkthrough.days_after(now, 60)}",
                f"{DISPUTED}｜gxj｜mzj｜{walkthrough.days_after(now, 90)}",
            ]
        ),
    }


MEDIATION = {
    "outcome": "to_government",
    "disputed_items": [2],
    "disputed_matter": "尘肺病患者摸底调查的分工",
    "majority_view": "区工信局掌握企业名录，宜由其牵头，区民政局配合做好困难患者救助",
    "dissenting_view": "摸底调查不属民政职责，区民政局不应列为配合单位",
}


def mediation_failed(db, now: datetime, title: str = "职责分歧全体会议", dissent: str = "mzj") -> tuple[int, datetime]:
    """Co-signed by every attending unit but `dissent` (the 区民政局, asked to cooperate on item 2,
    which the 区工信局 leads); the convener's mediation fails on item 2."""
    instance_id, held = walkthrough.full_meeting_in_cosigning(db, now, absent=("hqlyq",), title=title, draft=draft(now))
    for task in open_tasks(db, instance_id, "cosign_minutes"):
        answer = (
            {"decision": "disagree", "comment": "不应由本单位牵头"}
            if task.assignee == dissent
            else {"decision": "agree"}
        )
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, answer, held)
    walkthrough.act(db, "convener", instance_id, "mediate", MEDIATION, held)
    return instance_id, held


def issued_with_dispute(db, now: datetime, title: str = "职责分歧全体会议") -> tuple[int, datetime]:
    instance_id, held = mediation_failed(db, now, title)
    walkthrough.act(db, "convener", instance_id, "sign_minutes", {"signature": "sign"}, held)
    return instance_id, held


def referral_of(db, meeting_instance_id: int) -> GovernmentReferral:
    with db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.instance_id == meeting_instance_id))
        return session.scalar(select(GovernmentReferral).where(GovernmentReferral.meeting_id == meeting.id))


def request_drafted(db, referral: GovernmentReferral, at: datetime) -> None:
    values = {
        "title": referral.title,
        "disputed_matter": MEDIATION["disputed_matter"],
        "majority_view": MEDIATION["majority_view"],
        "dissenting_view": MEDIATION["dissenting_view"],
    }
    walkthrough.act(db, "office.staff", referral.instance_id, "draft_request", values, at)


def views_checked(db, referral: GovernmentReferral, at: datetime) -> None:
    """The 区民政局 corrects its view; every other unit concerned confirms its own."""
    for task in open_tasks(db, referral.instance_id, "confirm_view"):
        answer = {"decision": "agree"}
        if task.assignee == "mzj":
            answer = {"decision": "agree_with_comments", "comment": CORRECTION}
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, answer, at)


def request_sent(db, referral: GovernmentReferral, at: datetime) -> None:
    request_drafted(db, referral, at)
    views_checked(db, referral, at)
    walkthrough.act(db, "convener", referral.instance_id, "sign_request", {"signature": "sign"}, at)


def open_tasks(db, instance_id: int, name: str) -> list:
    with db.read_session() as session:
        return [t for t in inbox.all_tasks(session, instance_id=instance_id) if t.name == name]
