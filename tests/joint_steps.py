"""A joint document (联合发文) of an issuing unit and three co-signing units, walked through the
services as its roles would (the joint-meeting rules §六(四)): the engine tests, the web tests and
tests/task_states.py share these steps."""

from __future__ import annotations

from datetime import datetime

from request_steps import open_tasks

from engine.demo import walkthrough

PROCESS_ID = "joint_document"
ISSUING = "wjj"
COSIGNING = ["mzj", "rsj", "zgh"]
DISSENT = "第二条涉及救助标准，须经本局党组研究，建议删去"
NOTE = "救助标准按现行规定执行，第二条仅作衔接表述；意见留存备查"


def draft(cosign_due: str = "2026-11-27") -> dict:
    return {
        "title": "关于做好尘肺病患者就业帮扶工作的通知",
        "document_text": "\n".join(
            [
                "为落实联席会议部署，现就尘肺病患者就业帮扶工作通知如下：",
                "一、摸清帮扶对象",
                "（一）各街道、乡镇摸清辖区患者就业意愿。",
                "二、落实帮扶措施",
            ]
        ),
        "main_to": "各街道办事处、乡人民政府",
        "copy_to": "联席会议各成员单位",
        "issuing_unit": [ISSUING],
        "cosigning_units": COSIGNING,
        "cosign_due": cosign_due,
    }


def started(db, now: datetime, title: str = "尘肺病患者就业帮扶联合发文") -> int:
    return walkthrough.start_meeting(db, now, title=title, process=PROCESS_ID)


def drafted(db, instance_id: int, at: datetime, **changes) -> None:
    walkthrough.act(db, "office.staff", instance_id, "draft_joint", {**draft(), **changes}, at)


def cosigned(db, instance_id: int, at: datetime, dissent: str | None = None, silent: str | None = None) -> None:
    """Every co-signing unit agrees, but `dissent`, which gives its reasons, and `silent`, which says nothing."""
    for task in open_tasks(db, instance_id, "cosign_joint"):
        if task.assignee == silent:
            continue
        answer = {"decision": "disagree", "comment": DISSENT} if task.assignee == dissent else {"decision": "agree"}
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, answer, at)


def issued_over_a_comment(db, now: datetime) -> int:
    """The 区民政局 comments; the office keeps its comment on record and the issuing unit signs:
    the co-signing units have the document to sign for. Also tests/task_states.py's: every step
    of a joint document done once, the receipts open."""
    instance_id = started(db, now)
    drafted(db, instance_id, now)
    cosigned(db, instance_id, now, dissent="mzj")
    walkthrough.act(db, "office.staff", instance_id, "weigh_comments", {"outcome": "issue", "handling_note": NOTE}, now)
    walkthrough.act(db, f"liaison.{ISSUING}", instance_id, "issue_joint", {"signature": "sign"}, now)
    return instance_id
