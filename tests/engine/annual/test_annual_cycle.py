"""The annual cycle over the simulated clock, 1 November to 10 January (the joint-meeting rules §六(五)).

Twenty units: most submit early, one is returned and resubmits, two are late. The scheduler pass
runs twice a day (09:00 and 21:00) as `lianxi tick` would, in the half-days something is due in
(tests/scenario_time.py). Run in 2026, whose December the official
holiday data covers, and in 2031, which it does not (the calendar falls back to Monday–Friday).
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import docx
import pytest
from annual_setup import BODY, OFFICE, TWENTY, cycle_of, new_body, overview, review, submission, submit
from docx.oxml.ns import qn
from scenario_time import Grid, visits
from sqlalchemy import event, func, select

from engine.annual import cycles, docx_export, drafts, office, settings
from engine.annual import queries as views
from engine.annual.models import RECORD_KIND, AnnualCycle, AnnualDraft
from engine.background import next_due, run_pass
from engine.core.clock import SHANGHAI, iso
from engine.core.config import load_settings
from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.core.workdays import WorkCalendar
from engine.demo import walkthrough
from engine.documents.models import DocumentNumber
from engine.org import accounts
from engine.org.models import Body
from engine.reminders.models import Reminder
from engine.reminders.policy import Policy, schedule
from engine.workflow import instances
from engine.workflow.models import HumanTask, ProcessInstance

RETURNED, LATE = TWENTY[3], TWENTY[18:]
ON_TIME = [code for code in TWENTY if code not in LATE]


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def events(year: int) -> list[tuple[datetime, callable]]:
    """What people do, and when: (instant, action(db, cycle))."""
    plan = []
    for n, code in enumerate(ON_TIME):  # the first from 3 December, the last on 19 December
        plan.append((at(year, 12, 3 + n * 16 // len(ON_TIME), 15), _submit(code)))
    plan.append((at(year, 12, 23, 11), _submit(LATE[0])))
    plan.append((at(year, 12, 28, 16), _submit(LATE[1])))
    returned = plan[ON_TIME.index(RETURNED)][0] + timedelta(hours=20)
    plan.append((returned, _return(RETURNED, returned)))
    plan.append((returned + timedelta(days=1), _submit(RETURNED, version=2)))
    for day in (10, 17, 24, 29):  # the office accepts what came in, every few days
        plan.append((at(year, 12, day, 17), _accept_all))
    return sorted(plan, key=lambda e: e[0])


def _submit(code, version=1):
    return lambda db, cycle, now: submit(db, cycle, code, now, submission(code, version))


def _return(code, now):
    values = {
        "review_decision": "return",
        "review_comments": "请补充具体数据。",
        "resubmit_by": iso(now + timedelta(days=4))[:10],
    }
    return lambda db, cycle, when: review(db, cycle, code, values, when)


def _accept_all(db, cycle, now):
    with UnitOfWork(db) as uow:
        office.accept_all(uow, accounts.find(uow.session, OFFICE), uow.session.get(AnnualCycle, cycle.id), now)
        uow.commit()


def run_year(db, year: int, half_days: list[datetime] | None = None) -> AnnualCycle:
    """The clock from 1 November to 10 January; the scheduler pass at 09:00 and 21:00, people in
    between. The passes something is due at, unless `half_days` lists others."""
    config = load_settings({"LIANXI_DATABASE_URL": str(db.engine.url)})
    todo = events(year)
    twice_a_day, end = Grid(at(year, 11, 1, 9), timedelta(hours=12)), at(year + 1, 1, 10, 9)
    due = [when for when, _ in todo]
    for now in half_days or visits(twice_a_day, end, lambda now: next_due(db, config, now), due):
        for when, action in [e for e in todo if e[0] <= now]:
            action(db, cycle_of(db, BODY, year), when)
            todo.remove((when, action))
        run_pass(db, config, now)
        if now < at(year, 12, 1, 0):
            assert cycle_of(db, BODY, year) is None, now
    assert not todo
    return cycle_of(db, BODY, year)


def finish(db, cycle: AnnualCycle, now: datetime) -> None:
    """The office edits the gathered draft and finalises it."""
    with UnitOfWork(db) as uow:
        me, row = accounts.find(uow.session, OFFICE), uow.session.get(AnnualCycle, cycle.id)
        text = drafts.current_text(uow.session, row)
        office.save_draft(uow, me, row, "# 办公室修改后的年度总结\n" + text, 0, now)
        office.finalise(uow, me, row, "", now)
        uow.commit()


@pytest.fixture
def lianhe(db):
    new_body(db, at(2026, 10, 30))
    return db


@pytest.mark.slow
@pytest.mark.parametrize("year", [2026, 2031])
def test_the_year_from_november_to_january(lianhe, year):
    db = lianhe
    assert WorkCalendar().covers(year) is (year == 2026)
    cycle = run_year(db, year)
    assert cycle.started_at == at(year, 12, 1, 9)  # the first pass of 1 December
    assert cycle.deadline == f"{year}-12-20" and cycle.status == "compiling"
    rows = overview(db, cycle)
    assert all(row.state == "accepted" for row in rows.values())
    assert sorted(code for code, row in rows.items() if row.late) == LATE
    assert [s.review for s in rows[RETURNED].submissions] == ["returned", "accepted"]
    assert rows[RETURNED].submissions[0].review_comments == "请补充具体数据。"
    assert_reminders_are_the_default_policy(db, cycle, year)

    finish(db, cycle, at(year + 1, 1, 6))
    with db.read_session() as session:
        done = session.get(AnnualCycle, cycle.id)
        assert done.status == "archived" and done.archived_draft == 1
        assert session.get(ProcessInstance, cycle.instance_id).status == "completed"
        final = drafts.latest(session, cycle.id).text
    assert final.startswith("# 办公室修改后的年度总结")
    for code in TWENTY:  # every unit's submission, the returned one's revision
        assert submission(code, 2 if code == RETURNED else 1)["summary"] in final
        assert f"开展职业健康宣传周活动｜{code}科长｜{year + 1}-04" in final
    assert submission(RETURNED)["summary"] not in final
    assert_the_next_full_meeting_sees_the_pool(db, cycle, year)


def assert_reminders_are_the_default_policy(db, cycle: AnnualCycle, year: int) -> None:
    """The 20 December reminders come from the reminders issue with its defaults, up to the
    unit's submission: none for the early, the whole run for the late."""
    expected = schedule(cycle.deadline_at, Policy(), WorkCalendar())
    assert any(p.kind == "overdue" for p in expected if p.at < at(year, 12, 28, 16))
    with db.read_session() as session:
        for code, submitted in ((LATE[1], at(year, 12, 28, 16)), (TWENTY[0], at(year, 12, 3, 15))):
            got = session.execute(
                select(Reminder.kind, Reminder.planned_at)
                .join(HumanTask, HumanTask.id == Reminder.task_id)
                .where(HumanTask.instance_id == cycle.instance_id, Reminder.unit == code)
                .order_by(Reminder.planned_at, Reminder.kind)
            ).all()
            assert got == [(p.kind, p.at) for p in expected if p.at < submitted]


def assert_the_next_full_meeting_sees_the_pool(db, cycle: AnnualCycle, year: int) -> None:
    opened = at(year + 1, 1, 10, 9)
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == BODY))
        instances.start(uow.session, "full_meeting", body, {"title": "第一次全体会议"}, OFFICE, opened)
        uow.commit()
    with db.read_session() as session:
        pool = views.pool(session, cycle.body_id, opened)
        before = views.pool(session, cycle.body_id, at(year, 11, 30))
    assert len(pool) == 40 and before == []
    assert {(t.unit, t.year) for t in pool} == {(code, year) for code in TWENTY}
    assert pool[0].text == "u01建议议题：职业病防治联合执法" and pool[0].unit_name == "第1成员单位"


def test_a_second_pass_or_scheduler_starts_nothing_more(lianhe):
    db = lianhe
    config = load_settings({"LIANXI_DATABASE_URL": str(db.engine.url)})
    run_pass(db, config, at(2027, 12, 1, 0))
    run_pass(db, config, at(2027, 12, 1, 0))
    assert cycles.start_due_cycles(db, at(2027, 12, 25, 0)) == 0
    with db.read_session() as session:
        counts = session.execute(select(AnnualCycle.body_id, func.count()).group_by(AnnualCycle.body_id)).all()
        started = session.scalar(
            select(func.count()).select_from(ProcessInstance).where(ProcessInstance.process_id == "annual_summary")
        )
    assert sorted(n for _, n in counts) == [1, 1, 1] and started == 3  # the demo's two bodies and this one


def test_a_pass_before_the_start_day_takes_no_write_lock(lianhe):
    """Three bodies wait for 1 December: a November pass reads, and writes nothing (one write
    transaction per waiting body, every minute, stalled the quiet pass at many bodies)."""
    begun = []
    event.listen(lianhe.engine, "before_cursor_execute", lambda *args: begun.append(args[2]))
    assert cycles.start_due_cycles(lianhe, at(2027, 11, 20, 9)) == 0
    assert "BEGIN IMMEDIATE" not in begun and "BEGIN" in begun
    assert cycles.start_due_cycles(lianhe, at(2027, 12, 1, 9)) == 3


def save_settings(db, values: dict, now) -> None:  # noqa: ANN001
    """The administrator's settings page, as the service sees it."""
    with UnitOfWork(db) as uow:
        body = uow.session.scalar(select(Body).where(Body.code == BODY))
        settings.save(uow.session, body.id, values, "admin", now)
        uow.commit()


def test_a_settings_change_applies_from_the_next_cycle(lianhe):
    db = lianhe
    cycles.start_due_cycles(db, at(2027, 12, 1, 0))
    save_settings(
        db, {"start_day": "11-15", "deadline_day": "12-10", "require_convener_approval": True}, at(2027, 12, 2)
    )
    running = cycle_of(db, BODY, 2027)
    assert running.deadline == "2027-12-20" and not running.require_convener_approval
    task = walkthrough.open_task(db, running.instance_id, "submit_annual", "u01")
    assert task.due_at.date() == date(2027, 12, 20)

    assert cycles.start_due_cycles(db, at(2028, 11, 14, 23, 59)) == 0
    assert cycle_of(db, BODY, 2028) is None
    assert cycles.start_due_cycles(db, at(2028, 11, 15, 0)) == 1  # the demo body waits for its 1 December
    nextyear = cycle_of(db, BODY, 2028)
    assert nextyear.started_at == at(2028, 11, 15, 0)
    assert nextyear.deadline == "2028-12-10" and nextyear.require_convener_approval
    task = walkthrough.open_task(db, nextyear.instance_id, "submit_annual", "u01")
    assert task.due_at.date() == date(2028, 12, 10)


def test_convener_approval_when_the_body_asks_for_it(lianhe):
    db = lianhe
    save_settings(
        db, {"start_day": "12-01", "deadline_day": "12-20", "require_convener_approval": True}, at(2027, 11, 1)
    )
    cycles.start_due_cycles(db, at(2027, 12, 1, 0))
    cycle = cycle_of(db, BODY, 2027)
    for code in TWENTY:
        submit(db, cycle, code, at(2027, 12, 5), submission(code))
    _accept_all(db, cycle, at(2027, 12, 6))
    finish(db, cycle, at(2027, 12, 7))
    assert cycle_of(db, BODY, 2027).status == "approving"
    walkthrough.act(
        db,
        "lh.convener",
        cycle.instance_id,
        "approve_summary",
        {"approval_decision": "return", "convener_comments": "请补充下一年度重点"},
        at(2027, 12, 8),
    )
    assert cycle_of(db, BODY, 2027).status == "compiling"
    walkthrough.act(db, OFFICE, cycle.instance_id, "compile_summary", {}, at(2027, 12, 9))
    walkthrough.act(
        db, "lh.convener", cycle.instance_id, "approve_summary", {"approval_decision": "approve"}, at(2027, 12, 10)
    )
    done = cycle_of(db, BODY, 2027)
    assert done.status == "archived" and done.archived_at == at(2027, 12, 10)
    with db.read_session() as session:
        (number,) = session.scalars(select(DocumentNumber).where(DocumentNumber.record_kind == RECORD_KIND)).all()
        document = docx.Document(io.BytesIO(docx_export.of_cycle(session, session.get(AnnualCycle, done.id))))
    assert (number.record_id, number.kind, number.serial, number.year) == (done.id, "annual", 1, 2027)
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == number.text  # issued on approval, under its number
    assert "2027年12月10日" in texts and "2027年12月10日印发" in document.tables[-1].rows[-1].cells[0].text


def test_a_plan_line_that_does_not_read_is_refused_with_its_number(lianhe):
    db = lianhe
    cycles.start_due_cycles(db, at(2027, 12, 1, 0))
    cycle = cycle_of(db, BODY, 2027)
    bad = {**submission("u01"), "plan": "开展宣传｜张科长｜4月\n只有事项\n"}
    with pytest.raises(InvalidData) as refused:
        submit(db, cycle, "u01", at(2027, 12, 2), bad)
    assert refused.value.errors["plan"].code == "plan_shape" and refused.value.errors["plan"].params == {"line": 2}
    with pytest.raises(InvalidData) as refused:
        submit(db, cycle, "u01", at(2027, 12, 2), {**bad, "plan": "开展宣传｜张科长｜13月"})
    assert refused.value.errors["plan"].code == "plan_month"
    assert overview(db, cycle)["u01"].state == "not_submitted"


def test_the_docx_has_headings_per_unit_and_plan_tables(lianhe):
    """The official layout (docs/DOCUMENTS.md): the red 文件 head, the title in 小标宋, units in
    黑体 and their parts in 楷体, plan items as tables; a draft has no number and no date yet."""
    db = lianhe
    cycles.start_due_cycles(db, at(2027, 12, 1, 0))
    cycle = cycle_of(db, BODY, 2027)
    for code in TWENTY[:2]:
        submit(db, cycle, code, at(2027, 12, 5), submission(code))
    with db.read_session() as session:
        row = session.get(AnnualCycle, cycle.id)
        body_name = session.get(Body, row.body_id).name
        document = docx.Document(io.BytesIO(docx_export.of_cycle(session, row)))
        assert session.scalar(select(func.count()).select_from(AnnualDraft)) == 0  # reading saves nothing
    paragraphs = [(p.text, _font(p)) for p in document.paragraphs if p.text]
    assert paragraphs[0] == (f"{body_name}文件", ("方正小标宋简体", 0xFF0000))
    assert paragraphs[1] == ("联合联席会议2027年度工作总结和2028年工作计划", ("方正小标宋简体", None))
    assert document.paragraphs[1].text == ""  # no 发文字号 until the summary is issued
    headings = [(text, font) for text, (font, _) in paragraphs if font in ("黑体", "楷体_GB2312")]
    kai = "楷体_GB2312"
    assert headings[:3] == [("第1成员单位", "黑体"), ("2027年工作总结", kai), ("2028年重点工作计划", kai)]
    assert len(document.tables) == 3  # two plans and the 版记
    assert [c.text for c in document.tables[0].rows[1].cells] == ["开展职业健康宣传周活动", "u01科长", "2028-04"]
    assert ("（尚未报送）", ("仿宋_GB2312", None)) in paragraphs
    assert paragraphs[-1] == ("　　年　　月　　日", ("仿宋_GB2312", None))  # the office dates it when it goes out


def _font(paragraph) -> tuple[str, int | None]:
    """The first run's Chinese font and its colour, if any."""
    first = paragraph.runs[0]
    colour = first.font.color.rgb if first.font.color and first.font.color.type else None
    return first._r.rPr.rFonts.get(qn("w:eastAsia")), int(str(colour), 16) if colour is not None else None
