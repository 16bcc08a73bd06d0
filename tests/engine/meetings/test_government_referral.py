"""A dispute mediation could not settle goes to the government (the joint-meeting rules §六(三)):
the minutes issue with the disputed item waiting for its decision and not supervised, a request
goes through the units concerned and the convener to the government's unit, and the decision
the office records starts supervision exactly as decided."""

from __future__ import annotations

from datetime import timedelta

import pytest
from referral_steps import (
    CORRECTION,
    DISPUTED,
    MEDIATION,
    issued_with_dispute,
    open_tasks,
    referral_of,
    request_drafted,
    request_sent,
    views_checked,
)
from sqlalchemy import select

from engine.core.errors import InvalidData, NoLongerOpen
from engine.dashboard import work
from engine.demo import walkthrough
from engine.meetings import timeline
from engine.meetings.models import GovernmentItemDecision, GovernmentReferral, Meeting
from engine.supervision.models import SupervisedItem
from engine.workflow.models import ProcessInstance

DECISION = {
    "received_on": "2027-02-01",
    "decision_number": "七政函〔2027〕3号",
    "decision_text": "尘肺病患者摸底调查由区卫生健康局牵头，区工信局配合。",
}


def supervised(db, instance_id: int) -> list[SupervisedItem]:
    with db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.instance_id == instance_id))
        query = select(SupervisedItem).where(SupervisedItem.meeting_id == meeting.id).order_by(SupervisedItem.number)
        return list(session.scalars(query))


def test_the_minutes_issue_without_the_disputed_item_as_decided(db, clock):
    instance_id, _held = issued_with_dispute(db, clock.now())
    assert [(i.number, i.lead) for i in supervised(db, instance_id)] == [(1, "wjj")]
    referral = referral_of(db, instance_id)
    assert (referral.sent_at, referral.decided_at) == (None, None)
    draft = walkthrough.open_task(db, referral.instance_id, "draft_request")
    assert draft.shown["disputed_matter"] == MEDIATION["disputed_matter"]  # prefilled from the mediation
    assert draft.shown["items_in_dispute"].startswith(f"2. {DISPUTED}（牵头：区工业和信息化局；配合：区民政局；")


def test_the_units_concerned_check_their_views_and_the_government_receives_the_request(db, clock):
    instance_id, held = issued_with_dispute(db, clock.now())
    referral = referral_of(db, instance_id)
    walkthrough.act(db, "office.staff", referral.instance_id, "draft_request", _drafted(referral), held)
    checks = {t.assignee: t for t in open_tasks(db, referral.instance_id, "confirm_view")}
    assert set(checks) == {"mzj", "gxj"}  # the dissenting unit and the disputed item's lead
    assert referral_of(db, instance_id).sent_at is None  # not sent until the convener signs
    request_sent_later = held + timedelta(days=1)
    corrected = {"decision": "agree_with_comments", "comment": CORRECTION}
    walkthrough.complete(db, "liaison.mzj", checks["mzj"].id, corrected, request_sent_later)
    walkthrough.complete(db, "liaison.gxj", checks["gxj"].id, {"decision": "agree"}, request_sent_later)
    walkthrough.act(db, "convener", referral.instance_id, "sign_request", {"signature": "sign"}, request_sent_later)
    sent = referral_of(db, instance_id)
    assert (sent.sent_at, sent.sent_by) == (request_sent_later, "convener")
    assert (sent.unit_views["mzj"]["comment"], sent.unit_views["mzj"]["side"]) == (CORRECTION, "dissenting")
    assert sent.unit_views["gxj"]["side"] == "majority"
    (receipt,) = open_tasks(db, referral.instance_id, "acknowledge_request")
    assert (receipt.assignee_kind, receipt.assignee) == ("unit", "qzf")  # the body's government
    walkthrough.complete(db, "liaison.qzf", receipt.id, {"acknowledged": True}, request_sent_later)
    assert referral_of(db, instance_id).received_by == "liaison.qzf"


def test_the_decision_recorded_starts_supervision_as_decided(db, clock):
    instance_id, held = issued_with_dispute(db, clock.now())
    referral = referral_of(db, instance_id)
    _sent_and_received(db, referral, held)
    assert [r.id for r, _meeting in _waiting(db, referral.body_id)] == [referral.id]  # the office's home counts it
    decided = {**DECISION, "item_decisions": "2｜wjj｜gxj，mzj｜2027-06-30"}
    walkthrough.act(db, "office.staff", referral.instance_id, "record_decision", decided, held)
    assert _waiting(db, referral.body_id) == []
    items = supervised(db, instance_id)
    assert [(i.number, i.lead, i.cooperating) for i in items] == [
        (1, "wjj", ["rsj", "zgh"]),
        (2, "wjj", ["gxj", "mzj"]),
    ]
    assert (items[1].text, items[1].due_at.date().isoformat(), items[1].source_kind) == (DISPUTED, "2027-06-30", "full")
    recorded = referral_of(db, instance_id)
    assert (recorded.decision_number, recorded.decided_by) == ("七政函〔2027〕3号", "office.staff")
    with db.read_session() as session:
        (decision,) = session.scalars(select(GovernmentItemDecision)).all()
        assert session.get(ProcessInstance, referral.instance_id).status == "completed"
    assert (decision.number, decision.supervised, decision.supervised_item_id) == (2, True, items[1].id)


def test_the_government_may_decide_an_item_is_not_supervised(db, clock):
    instance_id, held = issued_with_dispute(db, clock.now())
    referral = referral_of(db, instance_id)
    _sent_and_received(db, referral, held)
    decided = {**DECISION, "item_decisions": "2｜不督办"}
    walkthrough.act(db, "office.staff", referral.instance_id, "record_decision", decided, held)
    assert [i.number for i in supervised(db, instance_id)] == [1]
    assert referral_of(db, instance_id).decided_at == held


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ("1｜wjj｜｜2027-06-30\n2｜不督办", "not_disputed"),
        ("2｜wjj｜｜2027-06-30\n2｜不督办", "decided_twice"),
        ("", "items_undecided"),
        ("2｜nobody｜｜2027-06-30", "item_unit"),
    ],
)
def test_a_decision_for_an_item_not_in_dispute_or_twice_is_refused(db, clock, lines, code):
    instance_id, held = issued_with_dispute(db, clock.now())
    referral = referral_of(db, instance_id)
    _sent_and_received(db, referral, held)
    with pytest.raises(InvalidData) as refused:
        walkthrough.act(
            db, "office.staff", referral.instance_id, "record_decision", {**DECISION, "item_decisions": lines}, held
        )
    assert refused.value.errors["item_decisions"].code == code
    assert [i.number for i in supervised(db, instance_id)] == [1]  # nothing changed
    assert referral_of(db, instance_id).decided_at is None
    assert open_tasks(db, referral.instance_id, "record_decision")


def test_a_second_decision_is_refused_once_one_is_recorded(db, clock):
    instance_id, held = issued_with_dispute(db, clock.now())
    referral = referral_of(db, instance_id)
    _sent_and_received(db, referral, held)
    task = walkthrough.open_task(db, referral.instance_id, "record_decision")
    walkthrough.complete(db, "office.staff", task.id, {**DECISION, "item_decisions": "2｜不督办"}, held)
    with pytest.raises(NoLongerOpen):
        walkthrough.complete(db, "office.staff", task.id, {**DECISION, "item_decisions": "2｜wjj｜｜2027-06-30"}, held)
    assert [i.number for i in supervised(db, instance_id)] == [1]
    with db.read_session() as session:
        assert len(session.scalars(select(GovernmentReferral)).all()) == 1


def _sent_and_received(db, referral: GovernmentReferral, at) -> None:
    request_sent(db, referral, at)
    walkthrough.act(db, "liaison.qzf", referral.instance_id, "acknowledge_request", {"acknowledged": True}, at)


def _drafted(referral: GovernmentReferral) -> dict:
    return {
        "title": referral.title,
        "disputed_matter": referral.matter,
        "majority_view": referral.majority_view,
        "dissenting_view": referral.dissenting_view,
    }


def _waiting(db, body_id: int) -> list:
    with db.read_session() as session:
        return work.disputes_waiting(session, body_id)


def test_the_timeline_says_the_request_went_up_only_when_the_convener_signed_it(db, clock):
    instance_id, held = issued_with_dispute(db, clock.now())
    referral = referral_of(db, instance_id)
    request_drafted(db, referral, held)
    views_checked(db, referral, held)
    assert _kinds(db, instance_id) == ["disputed"]
    signed_at = held + timedelta(days=2)
    walkthrough.act(db, "convener", referral.instance_id, "sign_request", {"signature": "sign"}, signed_at)
    assert _kinds(db, instance_id) == ["disputed", "referral_sent"]
    walkthrough.act(db, "liaison.qzf", referral.instance_id, "acknowledge_request", {"acknowledged": True}, signed_at)
    decided = {**DECISION, "item_decisions": "2｜不督办"}
    walkthrough.act(db, "office.staff", referral.instance_id, "record_decision", decided, signed_at)
    with db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.instance_id == instance_id))
        last = [e for e in timeline.events(session, meeting) if e.kind == "government_decided"]
    assert [(e.who, e.detail["number"]) for e in last] == [("office.staff", DECISION["decision_number"])]


def _kinds(db, instance_id: int) -> list[str]:
    with db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.instance_id == instance_id))
        found = timeline.events(session, meeting)
    return [e.kind for e in found if e.kind in ("disputed", "referral_sent", "government_decided")]
