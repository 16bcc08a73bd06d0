"""Process instances through the pages: the list, one instance, and a whole office meeting."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from engine.core.clock import SHANGHAI
from engine.workflow.timers import fire_due_timers


def test_office_lists_every_instance(signed_in):
    page = signed_in("office.staff").get("/instances")
    assert page.status_code == 200
    assert "筹备联席会议全体会议" in page.text
    assert "研究部署职业病危害专项治理工作" in page.text
    assert "办理中" in page.text


def test_liaison_lists_only_instances_their_unit_takes_part_in(signed_in, proposed):
    liaison = signed_in("liaison.scjgj")
    page = liaison.get("/instances")
    assert "筹备联席会议全体会议" in page.text
    assert "研究部署职业病危害专项治理工作" not in page.text
    response = liaison.get(f"/instances/{proposed}")
    assert response.status_code == 404
    assert "研究部署职业病危害专项治理工作" not in response.text


def test_instance_filter_by_status(signed_in):
    staff = signed_in("office.staff")
    assert "筹备联席会议全体会议" in staff.get("/instances?status=running").text
    assert "筹备联席会议全体会议" not in staff.get("/instances?status=completed").text


def test_multi_unit_step_reads_as_a_matrix(signed_in, held):
    page = signed_in("office.staff").get(f"/instances/{held}")
    assert page.status_code == 200
    assert "签收会议纪要" in page.text
    step = page.text[page.text.index("在办环节") : page.text.index("办理记录")]
    units = (
        "区卫生健康局",
        "区人力资源和社会保障局",
        "区总工会",
        "区市场监督管理局",
        "桂林市七星生态环境局",
        "区卫生计生监督所",
    )
    for unit in units:
        assert unit in step
    assert step.count("badge-status-completed") == 2  # wjj and rsj have signed
    assert step.count("badge-status-open") == 4
    assert "已逾期" in step


def test_history_translates_actions_and_names_people(signed_in, held):
    page = signed_in("office.staff").get(f"/instances/{held}")
    history = page.text[page.text.index("办理记录") :]
    for action in ("发起", "办理", "定时触发"):
        assert f">{action}<" in history
    assert "办公室副主任（人社）" in history  # the chair who signed, by name
    assert history.index(">发起<") < history.index(">定时触发<")  # newest last


@pytest.mark.parametrize("username", ["liaison.sfj", "liaison.qzf"])  # a guest unit, the government
def test_only_the_office_the_convener_and_member_units_start_processes(signed_in, username):
    outsider = signed_in(username)
    assert "发起流程" not in outsider.get("/").text
    assert outsider.get("/instances/new").status_code == 403
    assert "发起流程" in signed_in("liaison.wjj").get("/").text  # a joint document of its own
    page = signed_in("convener").get("/instances/new")
    assert page.status_code == 200 and "办公室会议" in page.text


def test_starting_needs_a_title(signed_in, post):
    response = post(signed_in("office.staff"), "/instances/new", {"process_id": "office_meeting"})
    assert response.status_code == 422
    assert "此项必填。" in response.text
    unknown = post(signed_in("office.staff"), "/instances/new", {"process_id": "x", "title": "t"})
    assert unknown.status_code == 422 and "请从选项中选择。" in unknown.text


def _task_path(response) -> str:
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def _complete(client, post, task, data: dict):
    response = post(client, f"/tasks/{task.id}/complete", data)
    assert response.status_code == 302, response.text
    assert response.headers["Location"] == "/"


def test_a_whole_office_meeting_through_the_pages(app, clock, signed_in, post, open_task):
    staff = signed_in("office.staff")
    title = "2026年第五次联席会议办公室会议"
    started = post(staff, "/instances/new", {"process_id": "office_meeting", "title": title})
    proposal_path = _task_path(started)
    assert re.fullmatch(r"/tasks/[0-9a-f-]{36}", proposal_path)
    page = staff.get(proposal_path)
    assert "拟定会议方案" in page.text and title in page.text

    proposal = {
        "title": title,
        "topics": "1. 通报专项治理进展\n2. 研究督办事项",
        "meeting_at": "2026-11-30T09:30",
        "place": "区卫生健康局三楼会议室",
        "attending_units": ["wjj", "rsj", "zgh"],
    }
    assert post(staff, f"{proposal_path}/complete", proposal).status_code == 302
    instance = int(re.search(r'href="/instances/(\d+)"', staff.get(proposal_path).text).group(1))

    director = signed_in("office.director")
    decision = open_task(instance, "decide_meeting")
    assert title in director.get("/").text
    _complete(director, post, decision, {"decision": "approve", "chair": "office.deputy"})
    assert "2026-11-30 周一 09:30" in staff.get(f"/instances/{instance}").text  # the timer

    clock.set(datetime(2026, 11, 30, 11, 0, tzinfo=SHANGHAI))  # the meeting has been held
    assert fire_due_timers(app.extensions["lianxi"].db, clock.now()) >= 1
    staff = signed_in("office.staff")  # a week on, yesterday's sessions have lapsed

    minutes = open_task(instance, "record_minutes")
    page = staff.get(f"/tasks/{minutes.id}")
    for code in ("wjj", "rsj", "zgh"):  # prefilled from the units invited
        assert f'value="{code}" checked' in page.text
    assert 'value="yjj" checked' not in page.text
    _complete(
        staff,
        post,
        minutes,
        {
            "attended_units": ["wjj", "rsj", "zgh"],
            "minutes_text": "会议通报了专项治理进展。",
            "decided_items": "开展专项检查｜rsj｜zgh｜2027-01-31",
        },
    )

    deputy = signed_in("office.deputy")
    signature = open_task(instance, "sign_minutes")
    assert "开展专项检查" in deputy.get(f"/tasks/{signature.id}").text
    _complete(deputy, post, signature, {"signature": "sign"})

    for code in ("wjj", "rsj", "zgh"):
        liaison = signed_in(f"liaison.{code}")
        receipt = open_task(instance, "receive_minutes", unit=code)
        assert "签收会议纪要" in liaison.get("/").text
        _complete(liaison, post, receipt, {"acknowledged": "on"})

    page = staff.get(f"/instances/{instance}")
    assert 'badge-status-completed">已完成' in page.text and "已办结" not in page.text
    assert "当前没有待办环节" in page.text
    history = page.text[page.text.index("办理记录") :]
    assert history.count(">办理<") == 7  # propose, decide, minutes, sign, three receipts
    assert ">定时触发<" in history and ">发起<" in history
    assert "区总工会联络员" in history
