"""A script step that loops, over-allocates or raises fails within seconds, leaves the rest of the
instance saved and an incident behind; the administrator retries it on a fixed version or skips
it with a reason (engine.workflow.step_failures, engine.workflow.incidents)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from incident_steps import FAILS, FIXTURE, LOOPS, WORKS, deploy_script, start
from sqlalchemy import select

from engine.core import audit
from engine.core.db import Database
from engine.core.errors import Forbidden, InvalidData, NoLongerOpen
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.workflow import deploy, incidents, instances
from engine.workflow.models import HumanTask, Incident, ProcessInstance
from engine.workflow.spiff import script_runner

# The runner's own bound plus room for a loaded machine; before the bound, the step never ended.
BOUND = script_runner.CPU_SECONDS + script_runner.WALL_MARGIN + 3


def open_incidents(db: Database, instance_id: int) -> list[Incident]:
    with db.read_session() as session:
        return incidents.open_of_instance(session, instance_id)


def steps(db: Database, instance_id: int) -> dict[str, str]:
    with db.read_session() as session:
        rows = session.scalars(select(HumanTask).where(HumanTask.instance_id == instance_id))
        return {row.name: row.status for row in rows}


def loop_fails_while_others_write(db: Database, now) -> None:
    deploy_script(db, LOOPS, now)
    started: dict = {}
    runner = threading.Thread(target=lambda: started.update(id=start(db, now)), daemon=True)
    began = time.monotonic()
    runner.start()
    time.sleep(0.3)  # the looping step is running, inside its transaction
    with UnitOfWork(db) as uow:  # another person's write meanwhile: on SQLite it waits its turn
        audit.record(uow.session, now, "office.staff", "sign_in_elsewhere")
        uow.commit()
    wrote = time.monotonic() - began
    runner.join(timeout=BOUND)
    assert not runner.is_alive(), "the looping script never ended its step"
    assert wrote < BOUND
    (incident,) = open_incidents(db, started["id"])
    assert (incident.task_name, incident.kind) == ("compute", "timeout")
    with db.read_session() as session:
        assert session.get(ProcessInstance, started["id"]).status == "running"
    assert steps(db, started["id"]) == {}  # the step after it never opened


def test_a_looping_script_fails_its_step_in_seconds_on_sqlite(db, clock):
    loop_fails_while_others_write(db, clock.now())


def test_a_looping_script_fails_its_step_in_seconds_on_postgresql(pg_demo, clock):
    loop_fails_while_others_write(pg_demo, clock.now())


def test_a_gigabyte_allocation_fails_its_step(db, clock):
    deploy_script(db, "blob = 'x' * (1024 * 1024 * 1024)", clock.now())
    instance_id = start(db, clock.now())
    (incident,) = open_incidents(db, instance_id)
    assert incident.kind == "memory"
    assert steps(db, instance_id) == {}


def test_an_error_leaves_the_instance_saved_with_an_incident(db, clock):
    deploy_script(db, FAILS, clock.now())
    instance_id = start(db, clock.now())
    (incident,) = open_incidents(db, instance_id)
    assert (incident.task_title, incident.kind, incident.spec_version) == ("计算汇总", "error", 1)
    assert "missing_count" in incident.detail and incident.created_at == clock.now()
    with db.read_session() as session:
        assert "total" not in instances.current_data(session.get(ProcessInstance, instance_id))


def person(uow: UnitOfWork, username: str):
    return accounts.find(uow.session, username)


def test_retry_after_deploying_a_fixed_version_moves_the_instance_on(db, clock):
    deploy_script(db, FAILS, clock.now())
    instance_id = start(db, clock.now())
    (incident,) = open_incidents(db, instance_id)
    deploy_script(db, WORKS, clock.now())
    later = clock.now() + timedelta(hours=1)
    with UnitOfWork(db) as uow:
        incidents.retry(uow, person(uow, "office.director"), incident.id, later)
        uow.commit()
    assert open_incidents(db, instance_id) == []
    assert steps(db, instance_id) == {"review": "open"}
    with db.read_session() as session:
        instance = session.get(ProcessInstance, instance_id)
        assert instance.spec.version == 2 and instances.current_data(instance)["total"] == 1
        assert session.get(Incident, incident.id).status == "retried"
        (event,) = [e for e in audit.of_instance(session, instance_id) if e.action == "incident_retry"]
        assert event.actor == "office.director" and "v1 → v2" in event.summary


def test_a_retry_that_fails_again_is_a_new_incident(db, clock):
    deploy_script(db, FAILS, clock.now())
    instance_id = start(db, clock.now())
    (first,) = open_incidents(db, instance_id)
    with UnitOfWork(db) as uow:
        incidents.retry(uow, person(uow, "office.director"), first.id, clock.now())
        uow.commit()
    (second,) = open_incidents(db, instance_id)
    assert second.id != first.id and second.task_id == first.task_id


def test_skip_with_a_reason_goes_on_without_running_the_step(db, clock):
    deploy_script(db, FAILS, clock.now())
    instance_id = start(db, clock.now())
    (incident,) = open_incidents(db, instance_id)
    with UnitOfWork(db) as uow:
        with pytest.raises(InvalidData):
            incidents.skip(uow, person(uow, "office.director"), incident.id, "  ", clock.now())
        incidents.skip(uow, person(uow, "office.director"), incident.id, "汇总改为人工核对", clock.now())
        uow.commit()
    assert open_incidents(db, instance_id) == []
    assert steps(db, instance_id) == {"review": "open"}
    with db.read_session() as session:
        found = session.get(Incident, incident.id)
        assert (found.status, found.reason, found.resolved_by) == ("skipped", "汇总改为人工核对", "office.director")
        (event,) = [e for e in audit.of_instance(session, instance_id) if e.action == "incident_skip"]
        assert "汇总改为人工核对" in event.summary


def test_only_the_administrator_resolves_and_only_once(db, clock):
    deploy_script(db, FAILS, clock.now())
    (incident,) = open_incidents(db, start(db, clock.now()))
    with UnitOfWork(db) as uow, pytest.raises(Forbidden):
        incidents.retry(uow, person(uow, "office.staff"), incident.id, clock.now())
    with UnitOfWork(db) as uow:
        incidents.skip(uow, person(uow, "office.director"), incident.id, "人工处理", clock.now())
        uow.commit()
    with UnitOfWork(db) as uow, pytest.raises(NoLongerOpen):
        incidents.retry(uow, person(uow, "office.director"), incident.id, clock.now())


def test_a_version_without_the_reached_steps_cannot_take_the_instance_over(db, clock):
    deploy_script(db, FAILS, clock.now())
    (incident,) = open_incidents(db, start(db, clock.now()))
    # every element keeps its place, but the failed step is now called something else
    renamed = FIXTURE.read_text(encoding="utf-8").replace("SCRIPT", WORKS).replace('"compute"', '"compute_v2"')
    with UnitOfWork(db) as uow:
        deploy.deploy(uow.session, {"script_step.bpmn": renamed}, {}, "tester", clock.now())
        uow.commit()
    with UnitOfWork(db) as uow, pytest.raises(incidents.NotRetryable):
        incidents.retry(uow, person(uow, "office.director"), incident.id, clock.now())
