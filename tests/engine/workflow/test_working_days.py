"""Working days in BPMN scripts and expressions: the national calendar (holidays, 调休 weekends)
under the administrator's overrides, handed by the engine to the helper process the code runs in
(engine/workflow/spiff/script_days.py, script_calendar.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from engine.core import workdays
from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.core.workdays import WorkCalendar
from engine.org.models import Body
from engine.workflow import deploy, instances
from engine.workflow.models import HumanTask, ProcessInstance
from engine.workflow.spiff.script_calendar import days_around
from engine.workflow.spiff.script_days import add_working_days, counting_by, is_working_day

NOW = datetime(2026, 9, 29, 9, 0, tzinfo=SHANGHAI)  # the Tuesday before the national day week

# 2026: 10-01 to 10-07 closed, Saturday 10-10 open (调休); the test's override closes Monday 10-12.
SCRIPT = """
reply_by = add_working_days("2026-09-30", 3)
first_back = add_working_days(date(2026, 9, 30), 1)
signed_by = add_working_days("2026-09-30T17:30:00+08:00", 1)
before = add_working_days("2026-10-08", -1)
counted = working_days_between("2026-09-30", "2026-10-13")
backwards = working_days_between("2026-10-13", "2026-09-30")
holiday = is_working_day("2026-10-05")
makeup = is_working_day(datetime(2026, 10, 10, 9, 0))
overridden = is_working_day("2026-10-12")
past_override = add_working_days("2026-10-09", 2)
"""

PROCESS = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:spiffworkflow="http://spiffworkflow.org/bpmn/schema/1.0/core" id="d" targetNamespace="t">
  <bpmn:process id="working_days" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="count"/>
    <bpmn:scriptTask id="count"><bpmn:script>{SCRIPT}</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="f2" sourceRef="count" targetRef="answer"/>
    <bpmn:userTask id="answer">
      <bpmn:extensionElements><spiffworkflow:properties>
        <spiffworkflow:property name="due" value="add_working_days(now_iso(), 2)"/>
      </spiffworkflow:properties></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="answer" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_a_script_counts_working_days_across_the_national_day_week_and_an_override(db):
    with UnitOfWork(db) as uow:
        workdays.set_overrides(
            uow.session, date(2026, 10, 12), None, False, "test", actor="office.director", body_id=None, now=NOW
        )
        deploy.deploy(uow.session, {"p.bpmn": PROCESS}, {}, "tester", NOW)
        body = uow.session.scalar(select(Body).where(Body.code == "qixing"))
        instance_id = instances.start(uow.session, "working_days", body, {}, "office.staff", NOW).id
        uow.commit()
    with db.read_session() as session:
        data = instances.current_data(session.get(ProcessInstance, instance_id))
        due_at = session.scalar(select(HumanTask.due_at).where(HumanTask.instance_id == instance_id))
    expected = {
        "reply_by": "2026-10-10",  # 10-08, 10-09 and the 调休 Saturday
        "first_back": "2026-10-08",  # a date stays a date (kept as its text)
        "signed_by": "2026-10-08T17:30:00+08:00",  # a time keeps its time
        "before": "2026-09-30",
        "counted": 4,  # 10-08, 10-09, 10-10, 10-13: not the overridden Monday
        "backwards": -4,
        "holiday": False,
        "makeup": True,
        "overridden": False,
        "past_override": "2026-10-13",
    }
    assert {key: data.get(key) for key in expected} == expected
    assert due_at == datetime(2026, 10, 8, 9, 0, tzinfo=SHANGHAI)  # a `due` expression counts them too


def test_working_days_are_refused_outside_the_years_handed_over_and_outside_the_engine():
    with counting_by(days_around(WorkCalendar(), 2026)):
        assert not is_working_day("2025-01-01")  # the first year handed over, with its New Year's Day
        with pytest.raises(ValueError, match="known from 2025 to 2028, not on 2029-01-01"):
            add_working_days("2028-12-29", 1)
        with pytest.raises(TypeError, match="whole number"):
            add_working_days("2026-10-08", 1.5)
    with pytest.raises(ValueError, match="only in a process the engine runs"):
        is_working_day("2026-10-08")
