"""Mediation through the pages (the joint-meeting rules §六(三)): after a dissent the convener or the office
director completes the mediation task on its page. Settled, the office redrafts and the whole
round co-signs the new version; not settled, the disputed matter is recorded apart for the
district government and the convener signs the co-signed minutes, seeing the dispute."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.core.models import AuditEvent
from engine.demo import walkthrough
from engine.meetings.models import DisputedMatter, Distribution, Meeting
from tests.web import meeting_setup as setup

DISPUTE = "区应急管理局认为专项检查时限过紧，应延至明年三月；区卫生健康局认为应按期完成"
MEDIATORS = ["office.director", "convener"]


@pytest.fixture
def dissented(db, clock) -> int:
    """The first draft co-signed by every attending unit, 区应急管理局 disagreeing."""
    instance = setup.cosigning(db, clock)
    dissent = {"decision": "disagree", "comment": "第二项时限过紧"}
    walkthrough.act(db, "liaison.yjj", instance, "cosign_minutes", dissent, clock.now(), unit="yjj")
    setup.cosign_rest(db, instance, clock.now())
    return instance


def meeting(db, instance: int) -> Meeting:
    with db.read_session() as session:
        return session.scalar(select(Meeting).where(Meeting.instance_id == instance))


def complete(client, post, task_id: str, data: dict) -> None:
    response = post(client, f"/tasks/{task_id}/complete", data)
    assert response.status_code == 302, response.text


def test_the_office_staff_may_not_mediate(dissented, signed_in, post, open_task, status_of):
    task = open_task(dissented, "mediate").id
    office = signed_in("office.staff")
    assert 'name="outcome"' not in office.get(f"/tasks/{task}").text  # it reads the task, with no form
    refused = post(office, f"/tasks/{task}/complete", {"outcome": "to_government", "disputed_matter": DISPUTE})
    assert refused.status_code == 403 and status_of(task) == "open"


@pytest.mark.parametrize("mediator", MEDIATORS)
def test_settled_the_office_redrafts_and_the_round_signs_again(mediator, dissented, db, signed_in, post, open_task):
    client, task = signed_in(mediator), open_task(dissented, "mediate").id
    page = client.get(f"/tasks/{task}").text
    assert "协调会签分歧" in page and "第二项时限过紧" in page and 'name="outcome"' in page
    complete(client, post, task, {"outcome": "revised", "mediation_note": "各方同意将专项检查时限延至三月底"})
    assert meeting(db, dissented).status == "drafting"

    office = signed_in("office.staff")
    redraft = open_task(dissented, "draft_minutes").id
    assert "各方同意将专项检查时限延至三月底" in office.get(f"/tasks/{redraft}").text
    complete(office, post, redraft, setup.SECOND_DRAFT)

    yjj = signed_in("liaison.yjj")
    second = open_task(dissented, "cosign_minutes", unit="yjj").id
    assert "本单位上次会签第 1 稿，现为第 2 稿。" in yjj.get(f"/tasks/{second}").text
    complete(yjj, post, second, {"decision": "agree"})
    record = meeting(db, dissented)
    with db.read_session() as session:
        numbers = [v.number for v in session.get(Meeting, record.id).versions]
        mediated = session.scalar(select(AuditEvent).where(AuditEvent.task_id == task, AuditEvent.action == "complete"))
    assert (record.status, numbers) == ("cosigning", [1, 2])
    assert mediated.actor == mediator  # who mediated is on record
    for unit in setup.ATTENDED:
        if unit != "yjj":
            assert open_task(dissented, "cosign_minutes", unit=unit)  # the whole round signs again


@pytest.mark.parametrize("mediator", MEDIATORS)
def test_not_settled_the_dispute_goes_up_and_the_cosigned_minutes_to_the_convener(
    mediator, dissented, db, signed_in, post, open_task
):
    client, task = signed_in(mediator), open_task(dissented, "mediate").id
    complete(client, post, task, {"outcome": "to_government", "disputed_matter": DISPUTE})

    convener = signed_in("convener")
    signing = open_task(dissented, "sign_minutes").id
    page = convener.get(f"/tasks/{signing}").text
    assert "分歧事项及各方意见和理由" in page and DISPUTE in page  # the convener sees what goes up
    assert "会议纪要第一稿" in page and "会议纪要第二稿" not in page  # and signs what was co-signed
    complete(convener, post, signing, {"signature": "sign"})

    record = meeting(db, dissented)
    with db.read_session() as session:
        (matter,) = session.scalars(select(DisputedMatter).where(DisputedMatter.meeting_id == record.id))
        sent = set(session.scalars(select(Distribution.version_id).where(Distribution.meeting_id == record.id)))
        versions = [(v.id, v.text) for v in session.get(Meeting, record.id).versions]
    assert (matter.description, matter.dissenting_units, matter.recorded_by) == (DISPUTE, ["yjj"], mediator)
    assert record.status == "issued" and len(versions) == 1 and sent == {versions[0][0]}
    assert versions[0][1].startswith("会议纪要第一稿")
