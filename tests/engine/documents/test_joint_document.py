"""Joint documents (联合发文, the joint-meeting rules §六(四)): the units named co-sign by the day
set, a comment is weighed by the office and kept on record, the issuing unit signs the issue
under the body's next `joint` number, the co-signing units sign for it; a silent unit is reminded."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from joint_steps import COSIGNING, DISSENT, ISSUING, NOTE, cosigned, drafted, started
from request_steps import document_of, open_tasks
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.errors import InvalidData
from engine.demo import walkthrough
from engine.documents import joint, numbering
from engine.documents.models import DocumentCosignature, DocumentSequence
from engine.org.models import Body
from engine.reminders import planning
from engine.reminders.models import Reminder
from engine.workflow.models import HumanTask, ProcessInstance


def next_serial(db, year: int) -> int:
    with db.read_session() as session:
        body = session.scalar(select(Body).where(Body.code == "qixing"))
        last = session.get(DocumentSequence, (body.id, joint.KIND, year))
        return (last.last_serial if last else 0) + 1


def test_three_units_co_sign_one_comments_and_the_issuing_unit_issues_it_numbered(db, clock):
    now = clock.now()
    serial = next_serial(db, now.year)
    instance_id = started(db, now)
    drafted(db, instance_id, now)
    asked = open_tasks(db, instance_id, "cosign_joint")
    assert sorted(t.assignee for t in asked) == COSIGNING  # the units named, not the issuing unit
    assert not any(t.proxy_allowed for t in asked)  # the unit's own consent: no 代办
    assert {t.due_at.date() for t in asked} == {date(2026, 11, 27)}  # the day the draft set
    cosigned(db, instance_id, now, dissent="mzj")
    assert document_of(db, instance_id).status == "mediating"  # the office weighs the comment
    walkthrough.act(db, "office.staff", instance_id, "weigh_comments", {"outcome": "issue", "handling_note": NOTE}, now)
    (issue,) = open_tasks(db, instance_id, "issue_joint")
    assert (issue.assignee_kind, issue.assignee) == ("unit", ISSUING)
    walkthrough.complete(db, f"liaison.{ISSUING}", issue.id, {"signature": "sign"}, now)
    document = document_of(db, instance_id)
    assert (document.kind, document.status, document.issued_by) == ("joint", "issued", f"liaison.{ISSUING}")
    assert (document.issuing_unit, document.differing_views) == (ISSUING, NOTE)
    with db.read_session() as session:
        number = numbering.number_of(session, numbering.OUTGOING, document.id)
        comment = session.scalar(select(DocumentCosignature).where(DocumentCosignature.unit == "mzj"))
    assert (number.kind, number.serial) == ("joint", serial)
    assert (comment.decision, comment.comment, comment.version) == ("disagree", DISSENT, 1)
    receipts = open_tasks(db, instance_id, "receive_joint")
    assert sorted(t.assignee for t in receipts) == COSIGNING
    for task in receipts:
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, {"acknowledged": True}, now)
    with db.read_session() as session:
        assert session.get(ProcessInstance, instance_id).status == "completed"


def test_a_revised_draft_is_co_signed_again_by_every_unit_named(db, clock):
    now = clock.now()
    instance_id = started(db, now)
    drafted(db, instance_id, now)
    cosigned(db, instance_id, now, dissent="mzj")
    walkthrough.act(
        db, "office.staff", instance_id, "weigh_comments", {"outcome": "revise", "handling_note": "删去第二条"}, now
    )
    drafted(db, instance_id, now, document_text="一、摸清帮扶对象")
    assert document_of(db, instance_id).version == 2
    assert sorted(t.assignee for t in open_tasks(db, instance_id, "cosign_joint")) == COSIGNING
    cosigned(db, instance_id, now)
    assert document_of(db, instance_id).status == "signing"  # no comment: straight to the issuing unit


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"issuing_unit": ["wjj", "fgj"]}, "issuing_unit"), ({"cosigning_units": ["wjj", "mzj"]}, "cosigning_units")],
)
def test_one_issuing_unit_which_does_not_co_sign_its_own_document(db, clock, changes, field):
    now = clock.now()
    instance_id = started(db, now)
    with pytest.raises(InvalidData) as refused:
        drafted(db, instance_id, now, **changes)
    assert set(refused.value.errors) == {field}
    assert document_of(db, instance_id) is None  # nothing kept


def test_a_unit_silent_past_the_co_signing_day_is_reminded(db, clock):
    now = clock.now()
    instance_id = started(db, now)
    drafted(db, instance_id, now)
    cosigned(db, instance_id, now, silent="zgh")
    planning.plan_due(db, datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI))  # the day was 27 November
    with db.read_session() as session:
        query = select(Reminder.unit, Reminder.kind).join(HumanTask).where(HumanTask.instance_id == instance_id)
        reminded = set(session.execute(query).all())
    assert {unit for unit, _ in reminded} == {"zgh"}
    assert {"before", "due", "overdue"} <= {kind for _, kind in reminded}
    assert document_of(db, instance_id).status == "cosigning"  # the issuing unit waits for every answer
