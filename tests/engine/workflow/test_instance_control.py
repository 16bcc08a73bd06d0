"""The administrator cancels a running instance with a reason, or moves it to the newest version
of its process where the steps it waits at still exist (engine.workflow.control)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from control_steps import RENAMED, SOURCE, deploy_version, running_on_v1, start
from incident_steps import failed_step
from sqlalchemy import select

from engine.core import audit
from engine.core.errors import Forbidden, InvalidData, NoLongerOpen
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.reminders import planning
from engine.workflow import control, incidents, tasks, timers
from engine.workflow.models import HumanTask, Incident, ProcessInstance

SUPERVISED = 3  # a demo item under supervision: an overdue task and a timer waiting


def cancel(db, username: str, instance_id: int, reason: str, now) -> None:
    with UnitOfWork(db) as uow:
        control.cancel(uow, accounts.find(uow.session, username), instance_id, reason, now)
        uow.commit()


def migrate(db, instance_id: int, now) -> None:
    with UnitOfWork(db) as uow:
        control.migrate(uow, accounts.find(uow.session, "office.director"), instance_id, now)
        uow.commit()


def open_steps(db, instance_id: int) -> list[str]:
    with db.read_session() as session:
        query = select(HumanTask.name).where(HumanTask.instance_id == instance_id, HumanTask.status == "open")
        return list(session.scalars(query))


def complete(db, instance_id: int, now) -> None:
    with db.read_session() as session:
        query = select(HumanTask.id).where(HumanTask.instance_id == instance_id, HumanTask.status == "open")
        task_id = session.scalar(query)
    with UnitOfWork(db) as uow:
        tasks.complete(uow, accounts.find(uow.session, "office.staff"), task_id, {}, now)
        uow.commit()


def test_cancelling_closes_the_tasks_stops_timers_and_reminders_and_is_audited(db, clock):
    with db.read_session() as session:
        owed = [t.id for t in session.scalars(select(HumanTask).where(HumanTask.instance_id == SUPERVISED))]
    cancel(db, "office.director", SUPERVISED, " 事项已由上级统一部署，本级不再督办 ", clock.now())
    later = clock.now() + timedelta(days=60)
    timers.fire_due_timers(db, later)
    planned = planning.plan_due(db, later)
    assert not [p for p in planned if p["task_id"] in owed]
    with db.read_session() as session:
        instance = session.get(ProcessInstance, SUPERVISED)
        assert (instance.status, instance.cancelled_by, instance.cancelled_at) == (
            "cancelled",
            "office.director",
            clock.now(),
        )
        assert instance.cancel_reason == "事项已由上级统一部署，本级不再督办" and instance.next_timer_at is None
        assert {t.status for t in session.scalars(select(HumanTask).where(HumanTask.id.in_(owed)))} == {"cancelled"}
        actions = [(e.action, e.actor, e.summary) for e in audit.of_instance(session, SUPERVISED)]
    assert ("instance_cancel", "office.director", "事项已由上级统一部署，本级不再督办") in actions
    assert "timer" not in [a for a, _, _ in actions]


def test_cancelling_needs_a_reason_the_administrator_and_a_running_instance(db, clock):
    with UnitOfWork(db) as uow, pytest.raises(InvalidData):
        control.cancel(uow, accounts.find(uow.session, "office.director"), SUPERVISED, "  ", clock.now())
    with UnitOfWork(db) as uow, pytest.raises(Forbidden):
        control.cancel(uow, accounts.find(uow.session, "office.staff"), SUPERVISED, "不再需要", clock.now())
    cancel(db, "office.director", SUPERVISED, "不再需要", clock.now())
    with pytest.raises(NoLongerOpen):
        cancel(db, "office.director", SUPERVISED, "再次终止", clock.now())


def test_a_migrated_instance_keeps_its_task_and_runs_to_its_end_on_the_new_version(db, clock):
    instance_id = running_on_v1(db, clock.now())
    (waiting,) = open_steps(db, instance_id)
    with db.read_session() as session:
        (versions,) = [v for v in control.running_versions(session, 1, "two_steps") if not v.latest]
        assert [i.id for i in versions.running] == [instance_id]
    migrate(db, instance_id, clock.now())
    assert open_steps(db, instance_id) == [waiting]
    for step in ("draft", "check", "approve"):  # the new version's step between the two
        assert open_steps(db, instance_id) == [step]
        complete(db, instance_id, clock.now())
    with db.read_session() as session:
        instance = session.get(ProcessInstance, instance_id)
        assert (instance.status, instance.spec.version) == ("completed", 2)
        events = [e for e in audit.of_instance(session, instance_id) if e.action == "instance_migrate"]
        assert [(e.actor, e.summary) for e in events] == [("office.director", "v1 → v2")]


def test_a_version_without_the_step_the_instance_waits_at_is_refused_by_name(db, clock):
    deploy_version(db, SOURCE, clock.now())
    instance_id = start(db, clock.now())
    deploy_version(db, RENAMED, clock.now())
    with pytest.raises(control.NotMigratable) as refused:
        migrate(db, instance_id, clock.now())
    assert refused.value.steps == ["draft"] and "draft" in refused.value.message
    with db.read_session() as session:
        assert session.get(ProcessInstance, instance_id).spec.version == 1
    assert open_steps(db, instance_id) == ["draft"]


def test_cancelling_closes_the_instances_open_incident(db, clock):
    incident_id = failed_step(db, clock.now())
    with db.read_session() as session:
        instance_id = session.get(Incident, incident_id).instance_id
    cancel(db, "office.director", instance_id, "脚本待重写，本次不再办理", clock.now())
    with db.read_session() as session:
        incident = session.get(Incident, incident_id)
        assert (incident.status, incident.resolved_by) == ("cancelled", "office.director")
        assert incidents.listed(session, accounts.find(session, "office.director")) == []
