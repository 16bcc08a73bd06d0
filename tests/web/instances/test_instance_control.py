"""The office's control of running instances on the web: the versions page, and the
administrator's cancelling (with a confirmation and a reason) and migrating from an instance's
page; a liaison may not (403), a second cancelling is stale (409), and the meeting and
supervision pages still open on a cancelled instance."""

from __future__ import annotations

from control_steps import RENAMED, deploy_version, running_on_v1
from sqlalchemy import select

from engine.meetings.models import Meeting
from engine.supervision.models import SupervisedItem
from engine.workflow.models import HumanTask, ProcessInstance
from tests.web.conftest import page_token


def status(read, instance_id: int) -> str:
    read.rollback()
    return read.get(ProcessInstance, instance_id).status


def send(client, token: str, url: str, **form):
    """A post with the token of a page already read: the home page the `post` fixture reads
    first is the office's heaviest."""
    return client.post(url, data={**form, "csrf_token": token})


def test_the_administrator_cancels_with_a_confirmed_reason_once(signed_in, read, proposed):
    director = signed_in("office.director")
    page = director.get(f"/instances/{proposed}").text
    assert f'action="/instances/{proposed}/cancel"' in page and "确认终止该流程？" in page  # data-confirm
    token, url = page_token(page), f"/instances/{proposed}/cancel"
    assert send(director, token, url, reason=" ").status_code == 422
    assert status(read, proposed) == "running"
    assert send(director, token, url, reason="会议取消").status_code == 302
    assert status(read, proposed) == "cancelled"
    owed = select(HumanTask).where(HumanTask.instance_id == proposed, HumanTask.status == "open")
    assert not read.scalars(owed).all()
    page = director.get(f"/instances/{proposed}").text
    assert "已终止" in page and "会议取消" in page and "终止流程" in page  # the facts and the history
    assert send(director, token, url, reason="再次终止").status_code == 409


def test_a_liaison_or_the_office_staff_may_not(signed_in, read, held):
    """Another body's office gets 404, as for every instance route: tests/web/test_route_access.py."""
    liaison = signed_in("liaison.scjgj")
    token = page_token(liaison.get(f"/instances/{held}").text)
    assert send(liaison, token, f"/instances/{held}/cancel", reason="x").status_code == 403
    staff = signed_in("office.staff")
    page = staff.get(f"/instances/{held}").text
    assert "确认终止该流程？" not in page
    assert send(staff, page_token(page), f"/instances/{held}/migrate").status_code == 403
    assert status(read, held) == "running"


def test_the_domain_pages_open_on_a_cancelled_instance(signed_in, read, proposed):
    item = read.scalars(select(SupervisedItem)).first()
    meeting = read.scalar(select(Meeting.id).where(Meeting.instance_id == proposed))
    director = signed_in("office.director")
    token = page_token(director.get(f"/instances/{proposed}").text)
    for instance_id in (proposed, item.instance_id):
        assert send(director, token, f"/instances/{instance_id}/cancel", reason="不再办理").status_code == 302
    assert director.get(f"/meetings/{meeting}").status_code == 200
    assert director.get(f"/supervision/items/{item.id}").status_code == 200


def test_the_versions_page_lists_the_instances_left_on_an_old_version(app, clock, signed_in):
    instance_id = running_on_v1(app.extensions["lianxi"].db, clock.now())
    page = signed_in("office.staff").get("/instances/versions")
    assert page.status_code == 200 and "两步办理" in page.text and f"/instances/{instance_id}#control" in page.text
    assert signed_in("liaison.wjj").get("/instances/versions").status_code == 403


def test_migrating_from_the_page_or_refused_naming_the_step(app, clock, signed_in):
    db = app.extensions["lianxi"].db
    moved = running_on_v1(db, clock.now())
    director = signed_in("office.director")
    page = director.get(f"/instances/{moved}").text
    assert "迁移到第 2 版" in page
    token, url = page_token(page), f"/instances/{moved}/migrate"
    assert send(director, token, url).status_code == 302
    page = director.get(f"/instances/{moved}").text
    assert "第 2 版" in page and f'action="{url}"' not in page
    deploy_version(db, RENAMED, clock.now())  # v3: the step it waits at, draft, is now prepare
    refused = director.post(url, data={"csrf_token": token}, follow_redirects=True).text
    assert "无法迁移" in refused and "draft" in refused
