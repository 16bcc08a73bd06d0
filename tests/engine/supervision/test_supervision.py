"""workflows/item_supervision.bpmn through the engine's services: from issued minutes to 办结."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engine.core.clock import parse_instant
from engine.core.errors import Forbidden, InvalidData, NoLongerOpen
from engine.core.uow import UnitOfWork
from engine.demo.supervision import issue_office_minutes, items_of
from engine.demo.walkthrough import act, full_meeting_in_cosigning, open_task
from engine.meetings.models import Meeting
from engine.org import accounts
from engine.org.models import Person
from engine.reminders import planning
from engine.reminders.models import Notification, Reminder
from engine.supervision import commands, starting, timeliness
from engine.supervision.models import Contribution, ExtensionRequest, ProgressReport, SupervisedItem
from engine.workflow import timers
from engine.workflow.models import HumanTask, ProcessInstance

UNITS = ["wjj", "rsj", "zgh", "scjgj", "sthjj"]
FIVE_ITEMS = "\n".join(
    [
        "起草年度工作要点｜wjj｜｜2026-12-31",
        "开展劳动合同专项检查｜rsj｜zgh｜2027-01-31",
        "组织职业健康宣传周活动｜zgh｜wjj，rsj｜2027-03-15",
        "开展用人单位监督抽查｜scjgj｜｜2027-02-28",
        "排查重点行业粉尘危害｜sthjj｜wjj｜2027-04-30",
    ]
)


def open_tasks(db, instance_id: int) -> list[HumanTask]:
    with db.read_session() as session:
        return list(
            session.scalars(
                select(HumanTask)
                .where(HumanTask.instance_id == instance_id, HumanTask.status == "open")
                .order_by(HumanTask.name, HumanTask.assignee)
            )
        )


def _item(db, item_id: int) -> SupervisedItem:
    with db.read_session() as session:
        return session.get(SupervisedItem, item_id)


@pytest.fixture
def issued(db, clock):
    return issue_office_minutes(db, clock.now(), UNITS, FIVE_ITEMS, "测试会议")


@pytest.fixture
def second(db, issued):
    """开展劳动合同专项检查: led by rsj, with zgh cooperating, due 2027-01-31."""
    return items_of(db, issued)[1]


def test_minutes_with_five_items_start_five_supervisions(db, issued):
    found = items_of(db, issued)
    assert [(i.number, i.lead, i.cooperating, i.due_at.date().isoformat()) for i in found] == [
        (1, "wjj", [], "2026-12-31"),
        (2, "rsj", ["zgh"], "2027-01-31"),
        (3, "zgh", ["wjj", "rsj"], "2027-03-15"),
        (4, "scjgj", [], "2027-02-28"),
        (5, "sthjj", ["wjj"], "2027-04-30"),
    ]
    third = found[2]
    assert third.source_kind == "office" and third.source_text == "测试会议" and third.status == "open"
    assert third.due_at == parse_instant("2027-03-15") == third.original_due_at
    tasks = open_tasks(db, third.instance_id)
    assert [(t.name, t.assignee_kind, t.assignee, t.due_at) for t in tasks] == [
        ("contribute", "unit", "rsj", third.due_at),
        ("contribute", "unit", "wjj", third.due_at),
        ("work_item", "unit", "zgh", third.due_at),
    ]
    with db.read_session() as session:
        assert session.get(ProcessInstance, third.instance_id).next_timer_at is not None  # the monthly report


def test_minutes_without_items_start_nothing(db, clock):
    issued = issue_office_minutes(db, clock.now(), UNITS, "")
    assert items_of(db, issued) == []


def test_progress_completion_return_and_acceptance(db, clock, second):
    now = clock.now() + timedelta(days=5)
    act(db, "liaison.rsj", second.instance_id, "work_item", {"action": "progress", "text": "已制定检查方案"}, now)
    act(db, "liaison.rsj", second.instance_id, "work_item", {"action": "completion", "text": "检查完成"}, now)
    verify = open_task(db, second.instance_id, "verify_completion")
    assert (verify.assignee_kind, verify.assignee) == ("role", "office")
    act(
        db,
        "office.staff",
        second.instance_id,
        "verify_completion",
        {"verdict": "return", "verdict_reason": "缺少检查名单"},
        now,
    )
    assert open_task(db, second.instance_id, "work_item").shown["verdict_reason"] == "缺少检查名单"
    later = now + timedelta(days=1)
    act(db, "liaison.rsj", second.instance_id, "work_item", {"action": "completion", "text": "补充名单"}, later)
    act(db, "office.staff", second.instance_id, "verify_completion", {"verdict": "accept"}, later)
    closed = _item(db, second.id)
    assert (closed.status, closed.closed_at) == ("closed", later)
    with db.read_session() as session:
        reports = session.scalars(
            select(ProgressReport).where(ProgressReport.item_id == second.id).order_by(ProgressReport.id)
        ).all()
        assert [(r.kind, r.text, r.outcome) for r in reports] == [
            ("progress", "已制定检查方案", None),
            ("completion", "检查完成", "returned"),
            ("completion", "补充名单", "accepted"),
        ]
        assert reports[1].outcome_reason == "缺少检查名单"
        assert session.get(ProcessInstance, second.instance_id).status == "completed"
    assert open_tasks(db, second.instance_id) == []  # zgh's contribution and the report timer ended with it


def test_cooperating_units_contribution_reaches_the_lead_unit(db, clock, second):
    act(
        db,
        "liaison.zgh",
        second.instance_id,
        "contribute",
        {"contribution_text": "已组织工会参与检查"},
        clock.now(),
        unit="zgh",
    )
    with db.read_session() as session:
        contribution = session.scalar(select(Contribution).where(Contribution.item_id == second.id))
        assert (contribution.unit, contribution.text, contribution.due_at) == (
            "zgh",
            "已组织工会参与检查",
            second.due_at,
        )
        lead = session.scalar(select(Person).where(Person.username == "liaison.rsj"))
        notes = session.scalars(select(Notification).where(Notification.person_id == lead.id)).all()
        assert any("已组织工会参与检查" in n.text and n.title.startswith("配合情况") for n in notes)
    assert [t.name for t in open_tasks(db, second.instance_id)] == ["work_item"]


def test_approved_extension_moves_the_deadline_and_the_reminders(db, clock, second):
    now = clock.now()
    ask = {"action": "extension", "text": "涉及企业较多，需延长一个月", "new_due": "2027-02-28"}
    act(db, "liaison.rsj", second.instance_id, "work_item", ask, now)
    decision = open_task(db, second.instance_id, "decide_extension")
    assert (decision.assignee_kind, decision.assignee) == ("role", "office_director")
    act(db, "office.director", second.instance_id, "decide_extension", {"extension_decision": "approve"}, now)
    new_due = parse_instant("2027-02-28")
    assert _item(db, second.id).due_at == new_due
    assert _item(db, second.id).original_due_at == parse_instant("2027-01-31")
    tasks = open_tasks(db, second.instance_id)
    assert [(t.name, t.assignee, t.due_at) for t in tasks] == [
        ("contribute", "zgh", new_due),
        ("work_item", "rsj", new_due),
    ]
    # The reminders follow: the first is 5 working days before 2027-02-28, none before 01-31's.
    planning.plan_due(db, now)
    assert {t.next_reminder_at for t in open_tasks(db, second.instance_id)} == {parse_instant("2027-02-22T09:00+08:00")}
    old_first_reminder = parse_instant("2027-01-25T09:05+08:00")
    planning.plan_due(db, old_first_reminder)
    with db.read_session() as session:
        ids = [t.id for t in tasks]
        assert session.scalar(select(func.count(Reminder.id)).where(Reminder.task_id.in_(ids))) == 0
    with db.read_session() as session:
        request = session.scalar(select(ExtensionRequest).where(ExtensionRequest.item_id == second.id))
        assert (request.decision, request.decided_by, request.previous_due_at) == (
            "approved",
            "office.director",
            parse_instant("2027-01-31"),
        )


def test_refused_extension_keeps_the_deadline(db, clock, second):
    ask = {"action": "extension", "text": "需延期", "new_due": "2027-02-28"}
    act(db, "liaison.rsj", second.instance_id, "work_item", ask, clock.now())
    act(
        db,
        "office.director",
        second.instance_id,
        "decide_extension",
        {"extension_decision": "refuse", "extension_comment": "请按期完成"},
        clock.now(),
    )
    assert _item(db, second.id).due_at == parse_instant("2027-01-31")
    work = open_task(db, second.instance_id, "work_item")
    assert work.due_at == parse_instant("2027-01-31") and work.shown["extension_comment"] == "请按期完成"


def test_extension_must_be_later_than_the_deadline(db, clock, second):
    ask = {"action": "extension", "text": "需延期", "new_due": "2027-01-15"}
    with pytest.raises(InvalidData) as refused:
        act(db, "liaison.rsj", second.instance_id, "work_item", ask, clock.now())
    assert refused.value.errors["new_due"].code == "extension_not_later"
    assert [t.name for t in open_tasks(db, second.instance_id)] == ["contribute", "work_item"]


def test_monthly_report_is_asked_for_and_counted(db, clock, second):
    started = _item(db, second.id).created_at
    month = started + timedelta(days=30, minutes=1)
    timers.fire_due_timers(db, month)
    report = open_task(db, second.instance_id, "report_progress")
    assert (report.assignee, report.due_at) == ("rsj", parse_instant((month + timedelta(days=5)).date().isoformat()))
    act(db, "liaison.rsj", second.instance_id, "report_progress", {"progress_text": "已检查30家"}, month)
    with db.read_session() as session:
        assert session.get(ProcessInstance, second.instance_id).next_timer_at > month + timedelta(days=29)
        saved = session.scalar(
            select(ProgressReport).where(ProgressReport.kind == "requested", ProgressReport.item_id == second.id)
        )
        assert (saved.unit, saved.text, saved.due_at) == ("rsj", "已检查30家", report.due_at)


def test_the_office_asks_for_progress_once_until_it_is_in(db, clock, second):
    with UnitOfWork(db) as uow:
        commands.request_progress(uow, accounts.find(uow.session, "office.staff"), second.id, clock.now())
        uow.commit()
    asked = open_task(db, second.instance_id, "report_requested")
    assert (asked.assignee, asked.due_at) == ("rsj", parse_instant("2026-11-28"))
    with UnitOfWork(db) as uow, pytest.raises(NoLongerOpen):
        commands.request_progress(uow, accounts.find(uow.session, "office.staff"), second.id, clock.now())
    act(db, "liaison.rsj", second.instance_id, "report_requested", {"progress_text": "已完成一半"}, clock.now())
    with UnitOfWork(db) as uow:
        commands.request_progress(uow, accounts.find(uow.session, "office.staff"), second.id, clock.now())
        uow.commit()
    assert open_task(db, second.instance_id, "report_requested").status == "open"


def test_only_the_office_asks_for_progress(db, clock, second):
    with UnitOfWork(db) as uow, pytest.raises(Forbidden):
        commands.request_progress(uow, accounts.find(uow.session, "liaison.rsj"), second.id, clock.now())


def test_the_office_puts_a_leaders_instruction_under_supervision(db, clock):
    item = {"text": "督促落实重点企业粉尘治理", "lead": "yjj", "cooperating": ["scjgj", "yjj"], "due": "2026-12-31"}
    with UnitOfWork(db) as uow:
        found = starting.start_by_hand(
            uow.session, accounts.find(uow.session, "office.staff"), "区领导批示", item, clock.now()
        )
        uow.commit()
        item_id, instance_id = found.id, found.instance_id
    saved = _item(db, item_id)
    assert (saved.source_kind, saved.source_text, saved.cooperating) == ("by_hand", "区领导批示", ["scjgj"])
    assert [(t.name, t.assignee) for t in open_tasks(db, instance_id)] == [
        ("contribute", "scjgj"),
        ("work_item", "yjj"),
    ]


def test_an_item_by_hand_names_known_units_and_a_date(db, clock):
    item = {"text": "", "lead": "nope", "cooperating": ["zzz"], "due": "2026-13-01"}
    with UnitOfWork(db) as uow, pytest.raises(InvalidData) as refused:
        starting.start_by_hand(uow.session, accounts.find(uow.session, "office.staff"), "", item, clock.now())
    assert set(refused.value.errors) == {"text", "source_text", "lead", "cooperating", "due"}
    with UnitOfWork(db) as uow, pytest.raises(Forbidden):
        starting.start_by_hand(uow.session, accounts.find(uow.session, "liaison.wjj"), "批示", {}, clock.now())


def test_issued_full_meeting_minutes_start_supervision_from_the_issued_version(db, clock):
    draft = {"minutes_text": "全体会议纪要", "decided_items": "修订联席会议工作规则｜wjj｜rsj，sfj｜2027-03-31"}
    instance_id, held = full_meeting_in_cosigning(db, clock.now() - timedelta(days=20), draft=draft)
    with db.read_session() as session:
        meeting = session.scalar(select(Meeting).where(Meeting.instance_id == instance_id))
        attended, version = list(meeting.attended_units), meeting.versions[-1]
    for unit in attended:
        act(db, f"liaison.{unit}", instance_id, "cosign_minutes", {"decision": "agree"}, held, unit=unit)
    assert items_of(db, instance_id) == []  # nothing is supervised before the minutes are issued
    act(db, "convener", instance_id, "sign_minutes", {"signature": "sign"}, held)
    [found] = items_of(db, instance_id)
    assert (found.source_kind, found.minutes_version_id, found.lead, found.cooperating) == (
        "full",
        version.id,
        "wjj",
        ["rsj", "sfj"],
    )
    assert found.created_by == "convener" and found.created_at == held


@pytest.fixture
def lone(db, clock) -> SupervisedItem:
    """An item by hand led by a unit that owes nothing else (科技园区局), due 2027-01-31."""
    item = {"text": "梳理园区企业职业健康档案", "lead": "kjyq", "cooperating": [], "due": "2027-01-31"}
    with UnitOfWork(db) as uow:
        found = starting.start_by_hand(
            uow.session, accounts.find(uow.session, "office.staff"), "区领导批示", item, clock.now()
        )
        uow.commit()
        return found


def kjyq_in_2027(db, now):
    with db.read_session() as session:
        body_id = accounts.find(session, "liaison.kjyq").body_id
        return next(t for t in timeliness.by_unit(session, body_id, 2027, now) if t.unit == "kjyq")


def work(db, item, action: dict, at) -> None:
    act(db, "liaison.kjyq", item.instance_id, "work_item", action, at)


def verify(db, item, verdict: dict, at) -> None:
    act(db, "office.staff", item.instance_id, "verify_completion", verdict, at)


def test_a_return_does_not_stop_the_clock(db, lone):
    before, after = parse_instant("2027-01-20"), parse_instant("2027-02-03")
    work(db, lone, {"action": "completion", "text": "完成"}, before)
    assert (kjyq_in_2027(db, before).on_time, kjyq_in_2027(db, before).counted) == (1, 1)
    verify(db, lone, {"verdict": "return", "verdict_reason": "不全"}, before)
    assert kjyq_in_2027(db, after).overdue_items[0].id == lone.id  # returned, and now past its deadline
    work(db, lone, {"action": "completion", "text": "补全"}, after)
    verify(db, lone, {"verdict": "accept"}, after)
    late = kjyq_in_2027(db, after)
    assert (late.on_time, late.counted, late.overdue_items) == (0, 1, [])


def test_an_approved_extension_sets_the_deadline_that_counts(db, clock, lone):
    work(db, lone, {"action": "extension", "text": "需延期", "new_due": "2027-02-28"}, clock.now())
    act(db, "office.director", lone.instance_id, "decide_extension", {"extension_decision": "approve"}, clock.now())
    after = parse_instant("2027-02-03")
    assert (kjyq_in_2027(db, after).counted, kjyq_in_2027(db, after).overdue_items) == (0, [])
    work(db, lone, {"action": "completion", "text": "完成"}, after)
    verify(db, lone, {"verdict": "accept"}, after)
    assert (kjyq_in_2027(db, after).on_time, kjyq_in_2027(db, after).counted) == (1, 1)
