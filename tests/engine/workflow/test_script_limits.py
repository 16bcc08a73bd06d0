"""BPMN code runs in helper processes under a CPU and a memory limit (engine.workflow.spiff.bounded,
script_runner, script_helper), still inside the RestrictedPython sandbox; deploying warns about
scripts that look unbounded (engine.workflow.script_checks)."""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from incident_steps import FIXTURE, LOOPS, WORKS
from sqlalchemy import select

from engine.core.clock import SHANGHAI
from engine.core.uow import UnitOfWork
from engine.workflow import deploy
from engine.workflow.models import WorkflowSpec
from engine.workflow.spiff import bounded
from engine.workflow.spiff.script_runner import ScriptMemoryLimit, ScriptRunner, ScriptTimeout
from engine.workflow.spiff.scripting import ScriptError
from engine.workflow.spiff.timeshift import engine_time


@pytest.fixture(scope="module")
def env():
    runner = ScriptRunner(cpu_seconds=0.5, size=2)
    yield bounded.BoundedEnvironment(runner)
    runner.close()


def test_scripts_change_task_data_in_place(env):
    data = {"units": ["wjj", "jyj"], "count": 1}
    before = data
    env.execute("receipts = {u: 'ok' for u in units}\ncount += 1\ndef f(x):\n    return x\n", data)
    assert data is before and data == {"units": ["wjj", "jyj"], "count": 2, "receipts": {"wjj": "ok", "jyj": "ok"}}


# A bare `except:` catches the CPU timer's interrupt: the wall-clock kill ends that one.
SWALLOWS = "while True:\n    try:\n        while True:\n            pass\n    except:\n        pass"


@pytest.mark.parametrize("script", [LOOPS, SWALLOWS])
def test_a_loop_times_out_and_the_next_script_runs(env, script):
    began = time.monotonic()
    with pytest.raises(ScriptTimeout):
        env.execute(script, {})
    assert time.monotonic() - began < 0.5 + 1 + 2  # its CPU time, the runner's margin, a loaded machine
    data = {}
    env.execute(WORKS, data)
    assert data == {"total": 1}


def test_a_heavy_expression_is_bounded_too(env):
    with pytest.raises(ScriptTimeout):
        env.evaluate("sum(range(10**12)) > 0", {})
    with pytest.raises(ScriptMemoryLimit):
        env.evaluate("len([0] * 10**9)", {})


def test_simple_expressions_run_in_process_and_only_named_data_travels():
    assert bounded.runs_in_process("decision == 'approve' and signer['code'] != ''")
    assert not bounded.runs_in_process("'a' * 10**9")
    assert not bounded.runs_in_process("len(units)")
    assert bounded.named("[u for u in units if u in chosen]") >= {"units", "chosen"}


def test_the_sandbox_still_refuses_escapes_and_missing_builtins(env):
    with pytest.raises(ScriptError, match="__class__"):
        env.execute("x = ().__class__", {})
    with pytest.raises(NameError, match="open"):
        env.execute("text = open('/etc/passwd').read()", {})
    with pytest.raises(ValueError, match="add_days"):
        env.execute("y = 1", {"add_days": "oops"})


def test_a_result_that_is_not_data_is_refused(env):
    with pytest.raises(TypeError, match="cannot be kept"):
        env.execute("g = (x for x in [1])", {})


def test_errors_keep_their_line_for_spiffworkflows_report(env):
    with pytest.raises(NameError) as info:
        env.execute("a = 1\nb = missing", {})
    assert info.value.script_line == 2


def test_deploy_warns_about_unbounded_scripts_and_still_deploys(db, clock):
    looping = FIXTURE.read_text(encoding="utf-8").replace("SCRIPT", LOOPS)
    with UnitOfWork(db) as uow:
        (deployed,) = deploy.deploy(uow.session, {"script_step.bpmn": looping}, {}, "tester", clock.now())
        assert uow.session.scalar(select(WorkflowSpec.version).where(WorkflowSpec.process_id == "script_step")) == 1
    (warning,) = deployed.warnings
    assert warning.startswith("script_step.bpmn:") and "compute: script: line 1" in warning and "break" in warning
    working = FIXTURE.read_text(encoding="utf-8").replace("SCRIPT", WORKS)
    with UnitOfWork(db) as uow:
        (deployed,) = deploy.deploy(uow.session, {"script_step.bpmn": working}, {}, "tester", clock.now())
    assert deployed.warnings == ()


def test_the_helper_sees_the_engines_now_and_answers_dates_as_text(env):
    with engine_time(datetime(2025, 12, 1, 9, 0, tzinfo=SHANGHAI)):
        assert env.evaluate("datetime.now() + timedelta(days=1)", {}) == "2025-12-02T09:00:00+08:00"
