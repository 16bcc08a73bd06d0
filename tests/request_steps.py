"""A request (请示) to the government in every member unit's name, walked through the services as
its roles would (the joint-meeting rules §六(三)): the engine tests, the web tests and
tests/task_states.py share these steps."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine.demo import walkthrough
from engine.documents.models import OutgoingDocument
from engine.workflow import inbox

PROCESS_ID = "government_request"
DISSENT = "不同意由本局承担患者摸底调查，本局无企业名录"
VIEWS = "区民政局认为摸底调查不属民政职责；其余成员单位认为区民政局应配合做好困难患者救助"


def draft(kind: str = "request") -> dict:
    words = "请示" if kind == "request" else "报告"
    return {
        "document_kind": kind,
        "title": f"关于加强尘肺病患者救治救助工作的{words}",
        "document_text": "\n".join(
            [
                "为做好尘肺病患者救治救助工作，联席会议各成员单位经研究，提出如下意见：",
                "一、开展患者摸底调查",
                "（一）由区卫生健康局牵头，有关单位配合。",
                "妥否，请批示。" if kind == "request" else "特此报告。",
            ]
        ),
        "copy_to": "市卫生健康委员会",
    }


def started(db, now: datetime, title: str = "尘肺病救治请示") -> int:
    return walkthrough.start_meeting(db, now, title=title, process=PROCESS_ID)


def drafted(db, instance_id: int, at: datetime, kind: str = "request") -> None:
    walkthrough.act(db, "office.staff", instance_id, "draft_document", draft(kind), at)


def cosigned(db, instance_id: int, at: datetime, dissent: str | None = None) -> None:
    """Every member unit agrees, but `dissent`, which gives its reasons."""
    for task in open_tasks(db, instance_id, "cosign_document"):
        answer = {"decision": "disagree", "comment": DISSENT} if task.assignee == dissent else {"decision": "agree"}
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, answer, at)


def sent_with_dissent(db, now: datetime) -> int:
    """A request the 区民政局 would not co-sign; mediation fails and the views go with it; the
    convener signs it and the government has it to sign for."""
    instance_id = started(db, now)
    drafted(db, instance_id, now)
    cosigned(db, instance_id, now, dissent="mzj")
    walkthrough.act(db, "convener", instance_id, "mediate_document", not_settled(), now)
    walkthrough.act(db, "convener", instance_id, "sign_document", {"signature": "sign"}, now)
    return instance_id


def acknowledgement_open(db, now: datetime) -> None:
    """For tests/task_states.py: every step of a request done once, the government's receipt open."""
    sent_with_dissent(db, now)


def not_settled() -> dict:
    return {"outcome": "not_settled", "differing_views": VIEWS}


def document_of(db, instance_id: int) -> OutgoingDocument:
    with db.read_session() as session:
        return session.scalar(select(OutgoingDocument).where(OutgoingDocument.instance_id == instance_id))


def open_tasks(db, instance_id: int, name: str) -> list:
    with db.read_session() as session:
        return [t for t in inbox.all_tasks(session, instance_id=instance_id) if t.name == name]
