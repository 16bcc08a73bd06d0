"""A member unit starts its own joint document (联合发文, the joint-meeting rules §六(四): "a unit
or the office starts one"): its liaison finds 联合发文 on 发起流程, drafts it as its issuing unit,
the units it names co-sign, and it signs the issue. It starts nothing else, and a unit that is
not a member starts nothing."""

from __future__ import annotations

import re

from joint_steps import COSIGNING, ISSUING, draft
from request_steps import open_tasks

from engine.demo import walkthrough
from engine.workflow.models import ProcessInstance

TITLE = "关于联合开展尘肺病患者就业帮扶的通知"


def started(client, post) -> tuple[int, str]:
    """The unit's liaison starts one: the new instance and the page it lands on."""
    response = post(client, "/instances/new", {"process_id": "joint_document", "title": TITLE})
    assert response.status_code == 302, response.text
    landing = response.headers["Location"]
    task_id = re.search(r"/tasks/([^/?#]+)", landing).group(1)
    return task_id, landing


def instance_titled(read, title: str) -> ProcessInstance | None:
    return read.query(ProcessInstance).filter_by(title=title).one_or_none()


def test_the_start_page_offers_a_liaison_only_the_joint_document(signed_in):
    page = signed_in(f"liaison.{ISSUING}").get("/instances/new")
    assert page.status_code == 200
    assert 'value="joint_document"' in page.text
    assert 'value="office_meeting"' not in page.text and 'value="government_request"' not in page.text


def test_a_liaison_drafts_co_signs_and_issues_its_units_document(app, clock, signed_in, post):
    liaison = signed_in(f"liaison.{ISSUING}")
    task_id, landing = started(liaison, post)
    assert "/tasks/" in landing  # straight to the draft: it is the unit's
    db = app.extensions["lianxi"].db
    with db.read_session() as session:
        instance_id = instance_titled(session, TITLE).id
        (task,) = open_tasks(db, instance_id, "draft_joint")
    assert (task.assignee_kind, task.assignee) == ("unit", ISSUING)

    done = post(liaison, f"/tasks/{task_id}/complete", draft())
    assert done.status_code == 302, done.text
    for cosigning in open_tasks(db, instance_id, "cosign_joint"):
        walkthrough.complete(db, f"liaison.{cosigning.assignee}", cosigning.id, {"decision": "agree"}, clock.now())
    (issue,) = open_tasks(db, instance_id, "issue_joint")
    assert post(liaison, f"/tasks/{issue.id}/complete", {"signature": "sign"}).status_code == 302
    assert len(open_tasks(db, instance_id, "receive_joint")) == len(COSIGNING)


def test_the_starting_unit_must_be_the_issuing_unit(app, signed_in, post):
    liaison = signed_in(f"liaison.{ISSUING}")
    task_id, _ = started(liaison, post)
    refused = post(
        liaison, f"/tasks/{task_id}/complete", {**draft(), "issuing_unit": ["mzj"], "cosigning_units": ["rsj"]}
    )
    assert refused.status_code == 422
    assert "本单位发起的联合发文，主办单位应为本单位。" in refused.text
    assert liaison.get(f"/tasks/{task_id}").status_code == 200  # still open, still theirs


def test_a_liaison_may_not_start_what_the_office_starts(signed_in, post, read):
    liaison = signed_in(f"liaison.{ISSUING}")
    response = post(liaison, "/instances/new", {"process_id": "office_meeting", "title": "擅自发起的会议"})
    assert response.status_code == 422
    assert instance_titled(read, "擅自发起的会议") is None


def test_the_office_drafts_what_it_starts(signed_in, post, read):
    response = post(signed_in("office.staff"), "/instances/new", {"process_id": "joint_document", "title": TITLE})
    assert response.status_code == 302
    instance = instance_titled(read, TITLE)
    assert instance is not None
