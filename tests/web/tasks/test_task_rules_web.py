"""Who may answer a task, through the task page and the API: the office neither
reassigns a co-signature nor moves the convener's signature to itself, and a topic suggestion
sent after its deadline is refused while the unit is closed as "no suggestion"."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from engine.meetings.models import Meeting, TopicSuggestion
from engine.workflow.models import HumanTask
from tests.web import meeting_setup as setup

REASSIGN_FORM = "/reassign"


def reassign_options(html: str) -> list[str]:
    form = re.search(r'<select class="input" name="assignee".*?</select>', html, re.S)
    return re.findall(r'<option value="([^"]+)"', form.group(0)) if form else []


@pytest.fixture
def cosigning(db, clock):
    return setup.cosigning(db, clock)


def test_the_office_cannot_reassign_a_co_signature(cosigning, signed_in, post, open_task, read):
    task = open_task(cosigning, "cosign_minutes", unit="scjgj").id
    office = signed_in("office.staff")
    assert REASSIGN_FORM not in office.get(f"/tasks/{task}").text  # no control where it cannot be used

    for target in ("person:office.staff", "unit:wjj", "person:liaison.scjgj"):
        refused = post(office, f"/tasks/{task}/reassign", {"assignee": target, "reason": "联络员出差"})
        assert refused.status_code == 403
        assert "会签须由本单位自行表态" in refused.text
    read.rollback()
    row = read.get(HumanTask, task)
    assert (row.assignee_kind, row.assignee, row.status) == ("unit", "scjgj", "open")


def test_the_convener_signature_moves_only_to_the_convener(cosigning, db, clock, signed_in, post, open_task, read):
    setup.cosign_rest(db, cosigning, clock.now())
    task = open_task(cosigning, "sign_minutes").id
    office = signed_in("office.staff")
    assert reassign_options(office.get(f"/tasks/{task}").text) == ["person:convener"]

    refused = post(office, f"/tasks/{task}/reassign", {"assignee": "person:office.staff", "reason": "召集人出差"})
    assert refused.status_code == 403 and "此事项属于召集人的职责" in refused.text
    assert post(office, f"/tasks/{task}/complete", {"signature": "sign"}).status_code == 403
    read.rollback()
    assert (read.get(HumanTask, task).assignee_kind, read.get(HumanTask, task).assignee) == ("role", "convener")

    moved = post(office, f"/tasks/{task}/reassign", {"assignee": "person:convener", "reason": "请召集人本人签发"})
    assert moved.status_code == 302
    assert post(signed_in("convener"), f"/tasks/{task}/complete", {"signature": "sign"}).status_code == 302
    read.rollback()
    assert read.scalar(select(Meeting.signed_by).where(Meeting.instance_id == cosigning)) == "convener"


def test_an_office_task_is_reassigned_within_the_office(db, clock, signed_in, post, open_task):
    instance = setup.soliciting(db, clock.now())
    task = open_task(instance, "suggest_topics", unit="xcb").id
    options = reassign_options(signed_in("office.staff").get(f"/tasks/{task}").text)
    assert "unit:yjj" in options and "person:liaison.yjj" in options  # a unit's request: anyone may take it


def test_a_suggestion_after_the_deadline_is_refused(db, clock, signed_in, post, open_task, status_of, read):
    instance = setup.soliciting(db, clock.now())
    task = open_task(instance, "suggest_topics", unit="xcb").id
    assert 'name="topics"' in signed_in("liaison.xcb").get(f"/tasks/{task}").text  # the form, opened in time
    clock.set(clock.now() + timedelta(days=5, seconds=30))  # past the deadline, before the scheduler's pass

    late = post(signed_in("liaison.xcb"), f"/tasks/{task}/complete", {"topics": "迟到的议题"})

    assert late.status_code == 409
    assert "征集已截止" in late.text and 'name="topics"' not in late.text
    assert status_of(task) == "completed"
    suggestion = read.scalar(
        select(TopicSuggestion)
        .join(Meeting, Meeting.id == TopicSuggestion.meeting_id)
        .where(Meeting.instance_id == instance, TopicSuggestion.unit == "xcb")
    )
    assert (suggestion.topics, suggestion.closed_at_deadline) == ("", True)


def test_a_suggestion_in_time_is_taken(db, clock, signed_in, post, open_task, status_of):
    instance = setup.soliciting(db, clock.now())
    task = open_task(instance, "suggest_topics", unit="xcb").id
    clock.set(clock.now() + timedelta(days=4, hours=23))
    assert post(signed_in("liaison.xcb"), f"/tasks/{task}/complete", {"topics": "准时的议题"}).status_code == 302
    assert status_of(task) == "completed"
