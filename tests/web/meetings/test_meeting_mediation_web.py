"""Mediation through the pages (the joint-meeting rules §六(三)): after a dissent the convener or the office
director completes the mediation task on its page. Settled, the office redrafts and the whole
round co-signs the new version; not settled, the disputed item and each side's view are kept for
the district government, the convener signs the co-signed minutes, seeing the dispute, and the
meeting's page and copies mark the item as waiting for the government's decision."""

from __future__ import annotations

import pytest
import referral_steps
from sqlalchemy import select

from engine.core.models import AuditEvent
from engine.demo import walkthrough
from engine.meetings.models import DisputedMatter, Distribution, GovernmentReferral, Meeting
from engine.supervision.models import SupervisedItem
from tests.web import meeting_setup as setup

DISPUTE = "专项检查的完成时限"
NOT_SETTLED = {
    "outcome": "to_government",
    "disputed_items": ["2"],
    "disputed_matter": DISPUTE,
    "majority_view": "区卫生健康局认为应按期完成",
    "dissenting_view": "区应急管理局认为专项检查时限过紧，应延至明年三月",
}
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
    refused = post(office, f"/tasks/{task}/complete", NOT_SETTLED)
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
    complete(client, post, task, NOT_SETTLED)

    convener = signed_in("convener")
    signing = open_task(dissented, "sign_minutes").id
    page = convener.get(f"/tasks/{signing}").text
    assert "有分歧的议定事项" in page and DISPUTE in page  # the convener sees what goes up
    assert "会议纪要第一稿" in page and "会议纪要第二稿" not in page  # and signs what was co-signed
    complete(convener, post, signing, {"signature": "sign"})

    record = meeting(db, dissented)
    with db.read_session() as session:
        (matter,) = session.scalars(select(DisputedMatter).where(DisputedMatter.meeting_id == record.id))
        sent = set(session.scalars(select(Distribution.version_id).where(Distribution.meeting_id == record.id)))
        versions = [(v.id, v.text) for v in session.get(Meeting, record.id).versions]
        supervised = session.scalars(select(SupervisedItem.number).where(SupervisedItem.meeting_id == record.id))
        assert list(supervised) == [1]  # the disputed item waits for the government
    assert (matter.description, matter.dissenting_units, matter.recorded_by) == (DISPUTE, ["yjj"], mediator)
    assert record.status == "issued" and len(versions) == 1 and sent == {versions[0][0]}
    assert versions[0][1].startswith("会议纪要第一稿")


def test_the_mediator_ticks_the_disputed_item_among_the_cosigned_ones(dissented, db, signed_in, post, open_task):
    client, task = signed_in("convener"), open_task(dissented, "mediate").id
    page = client.get(f"/tasks/{task}").text
    for number, text in ((1, "起草年度工作要点"), (2, "开展专项检查")):
        assert f'type="checkbox" name="disputed_items" value="{number}"' in page
        assert f"<span>{number}. {text}</span>" in page  # labelled by the item's own text, not its coded line
    complete(client, post, task, {**NOT_SETTLED, "disputed_items": "2"})  # one box ticked
    record = meeting(db, dissented)
    with db.read_session() as session:
        (matter,) = session.scalars(select(DisputedMatter).where(DisputedMatter.meeting_id == record.id))
    assert matter.items == [2]


def test_a_refused_mediation_keeps_the_ticked_box(dissented, signed_in, post, open_task):
    client, task = signed_in("convener"), open_task(dissented, "mediate").id
    refused = post(client, f"/tasks/{task}/complete", {**NOT_SETTLED, "disputed_matter": ""})
    assert refused.status_code == 422
    assert 'value="2" checked' in refused.text and 'value="1" checked' not in refused.text


def test_a_mediation_naming_an_item_the_minutes_lack_is_refused(dissented, signed_in, post, open_task, status_of):
    client, task = signed_in("convener"), open_task(dissented, "mediate").id
    refused = post(client, f"/tasks/{task}/complete", {**NOT_SETTLED, "disputed_items": ["3"]})
    assert refused.status_code == 422 and status_of(task) == "open"


def test_the_meeting_page_and_the_copies_mark_the_disputed_item(dissented, db, clock, signed_in):
    walkthrough.act(db, "convener", dissented, "mediate", NOT_SETTLED, clock.now())
    walkthrough.act(db, "convener", dissented, "sign_minutes", {"signature": "sign"}, clock.now())
    record = meeting(db, dissented)
    with db.read_session() as session:
        referral = session.scalar(select(GovernmentReferral).where(GovernmentReferral.meeting_id == record.id))
    link = f'href="/instances/{referral.instance_id}"'

    page = signed_in("office.staff").get(f"/meetings/{record.id}").text
    assert "待七星区人民政府决定" in page and link in page
    assert "请示办理中，尚未报送" in page and "协调未果，分歧事项待报请七星区人民政府决定（区应急管理局）" in page
    assert page.count("待七星区人民政府决定") == 1  # the first item is decided
    for reader in ("liaison.qzf", "liaison.yjj", "liaison.wjj"):
        copy = signed_in(reader).get(f"/meetings/{record.id}/copy").text
        assert "待七星区人民政府决定" in copy, reader
    assert link not in signed_in("liaison.wjj").get(f"/meetings/{record.id}/copy").text  # not its business
    referral_steps.request_drafted(db, referral, clock.now())
    assert link in signed_in("liaison.yjj").get(f"/meetings/{record.id}/copy").text  # it checks its view there

    home = signed_in("office.director").get("/").text
    assert "待七星区人民政府决定的分歧事项" in home and referral.title in home
    instance = signed_in("office.staff").get(f"/instances/{referral.instance_id}")
    assert instance.status_code == 200 and "起草请示" in instance.text and "<svg" in instance.text
