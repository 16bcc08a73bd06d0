"""Mediation of a dissent in co-signing (the joint-meeting rules §六(三)): the convener or the office director
mediates, not any office staff. Settled, the office redrafts and the whole round signs the new
version; not settled, the disputed matter, the decided items it touches and each side's view are
kept for the government, and the minutes go on to the convener as co-signed
(tests/engine/meetings/test_government_referral.py follows them there)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.core.errors import Forbidden, InvalidData, NotFound
from engine.demo import walkthrough
from engine.meetings import queries as views
from engine.meetings.models import CoSignature, DisputedMatter, Meeting
from engine.org import accounts
from engine.workflow import inbox
from engine.workflow.models import HumanTask

COSIGNED_TEXT = "会议听取了各成员单位年度工作情况汇报，研究部署了下一年度重点工作。"
REFERRED = {
    "outcome": "to_government",
    "disputed_items": [1],
    "disputed_matter": "下一年度工作要点由哪个单位牵头起草",
    "majority_view": "区卫健局是联席会议办公室所在单位，宜由其牵头",
    "dissenting_view": "区工信局认为工作要点涉及企业，应由区工信局配合而非会签后另行分工",
}


def meeting(db, instance_id) -> Meeting:
    with db.read_session() as session:
        return session.scalar(select(Meeting).where(Meeting.instance_id == instance_id))


def dissented(db, clock, dissent: str = "gxj") -> tuple[int, object]:
    """The first draft co-signed by every attending unit, `dissent` disagreeing."""
    instance_id, held = walkthrough.full_meeting_in_cosigning(db, clock.now(), absent=("hqlyq",))
    for task in _open(db, instance_id, "cosign_minutes"):
        answer = (
            {"decision": "disagree", "comment": "职责分工不清"} if task.assignee == dissent else {"decision": "agree"}
        )
        walkthrough.complete(db, f"liaison.{task.assignee}", task.id, answer, held)
    return instance_id, held


def _open(db, instance_id: int, name: str) -> list[HumanTask]:
    with db.read_session() as session:
        return [t for t in inbox.all_tasks(session, instance_id=instance_id) if t.name == name]


def test_the_convener_and_the_office_director_mediate_and_no_one_else(db, clock):
    instance_id, held = dissented(db, clock)
    (task,) = _open(db, instance_id, "mediate")
    assert (task.assignee_kind, task.assignee) == ("role", "mediator")
    with db.read_session() as session:
        for name in ("convener", "office.director"):
            assert task.id in {t.id for t in inbox.for_person(session, accounts.find(session, name))}
        for name in ("office.staff", "office.deputy"):
            assert task.id not in {t.id for t in inbox.for_person(session, accounts.find(session, name))}
    referred = {**REFERRED, "disputed_matter": "分歧"}
    for name, refusal in (("office.staff", Forbidden), ("office.deputy", Forbidden), ("liaison.gxj", NotFound)):
        with pytest.raises(refusal):
            walkthrough.complete(db, name, task.id, referred, held)
    assert _open(db, instance_id, "mediate")[0].status == "open"


def test_settled_the_office_redrafts_and_every_unit_signs_the_new_version(db, clock):
    instance_id, held = dissented(db, clock)
    settled = {"outcome": "revised", "mediation_note": "工信局同意牵头，时限延至明年三月"}
    walkthrough.act(db, "office.director", instance_id, "mediate", settled, held)
    assert meeting(db, instance_id).status == "drafting"
    (redraft,) = _open(db, instance_id, "draft_minutes")
    assert redraft.shown["mediation_note"] == "工信局同意牵头，时限延至明年三月"
    assert redraft.shown["cosignatures"]["gxj"]["decision"] == "disagree"  # the office sees why
    assert not _open(db, instance_id, "cosign_minutes")  # nothing to sign until the office redrafts

    second = {"minutes_text": COSIGNED_TEXT + "\n会议同意由区工信局牵头。", "decided_items": ""}
    walkthrough.act(db, "office.staff", instance_id, "draft_minutes", second, held)
    record = meeting(db, instance_id)
    with db.read_session() as session:
        first, latest = views.versions(session, record)
    assert (record.status, latest.number, latest.drafted_by) == ("cosigning", 2, "office.staff")
    signers = {t.assignee for t in _open(db, instance_id, "cosign_minutes")}
    assert "gxj" in signers and "sfj" in signers and "hqlyq" not in signers and len(signers) == 22
    walkthrough.act(db, "liaison.gxj", instance_id, "cosign_minutes", {"decision": "agree"}, held, unit="gxj")
    with db.read_session() as session:
        signed = session.scalars(
            select(CoSignature.version_id)
            .where(CoSignature.meeting_id == record.id, CoSignature.unit == "gxj")
            .order_by(CoSignature.id)
        ).all()
    assert signed == [first.id, latest.id]


def test_not_settled_the_dispute_is_kept_with_its_items_and_the_cosigned_minutes_go_on_unchanged(db, clock):
    instance_id, held = dissented(db, clock)
    walkthrough.act(db, "convener", instance_id, "mediate", REFERRED, held)
    record = meeting(db, instance_id)
    with db.read_session() as session:
        (version,) = views.versions(session, record)
        (matter,) = session.scalars(select(DisputedMatter).where(DisputedMatter.meeting_id == record.id))
    assert (record.status, version.text) == ("signing", COSIGNED_TEXT)
    assert (matter.dissenting_units, matter.recorded_by, matter.recorded_at) == (["gxj"], "convener", held)
    assert (matter.version_id, matter.items) == (version.id, [1])
    assert (matter.majority_view, matter.dissenting_view) == (REFERRED["majority_view"], REFERRED["dissenting_view"])
    (signing,) = _open(db, instance_id, "sign_minutes")
    assert signing.shown["minutes_text"] == COSIGNED_TEXT
    assert signing.shown["disputed_matter"] == REFERRED["disputed_matter"]
    assert signing.shown["disputed_items"] == [1]
    assert signing.shown["cosignatures"]["gxj"] == {"decision": "disagree", "comment": "职责分工不清"}


@pytest.mark.parametrize(
    ("items", "code"),
    [([], "required"), ([2], "unknown_item"), ("第一项", "not_item_numbers"), ("1，2", "not_item_numbers")],
)
def test_the_disputed_items_must_be_items_of_the_cosigned_minutes(db, clock, items, code):
    instance_id, held = dissented(db, clock)
    with pytest.raises(InvalidData) as refused:
        walkthrough.act(db, "convener", instance_id, "mediate", {**REFERRED, "disputed_items": items}, held)
    assert refused.value.errors["disputed_items"].code == code
    assert _open(db, instance_id, "mediate")
    with db.read_session() as session:
        assert not session.scalars(select(DisputedMatter)).all()
