"""The modeler corpus: BPMN files as bpmn.io and Camunda Modeler write them (tests/corpus/, and the
fixtures that are such files), each deployed, started, worked and run to its end through the
`lianxi` commands, and run again in SpiffWorkflow's own memory with the same answers.

Compared: the end events each run reached (in the process and in its subprocesses) and the values
the case names from the final data. A timer is fired in lianxi by a timer pass a day after the
demo's clock; the corpus's timers fall on 2026-11-24, after that clock and before the real time
SpiffWorkflow's run reads, so there they are due at once. The files lianxi refuses on purpose are
checked to be refused with the file, the line and the element, and what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
from SpiffWorkflow.bpmn.specs.mixins.events.end_event import EndEvent
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition, SignalEventDefinition
from SpiffWorkflow.util.task import TaskState

from engine.workflow import instances, timers
from engine.workflow.models import ProcessInstance
from engine.workflow.spiff import runtime
from webui.cli.main import cli

DEFINITIONS = {"message": MessageEventDefinition, "signal": SignalEventDefinition}
TESTS = Path(__file__).resolve().parents[2]
TIMER = "timer"  # a step: the timers due are fired, no task answered


@dataclass(frozen=True)
class Send:
    """A step: the office sends a message or a signal."""

    kind: str  # message | signal
    name: str
    payload: dict
    keys: dict = field(default_factory=dict)  # a message's correlation keys


@dataclass(frozen=True)
class Case:
    files: tuple[str, ...]  # under tests/, the callee before its caller
    process: str
    steps: tuple = ()  # (user task id, who completes it, data), TIMER or a Send
    start: dict | None = None
    lanes: tuple[str, ...] = ()  # LANE=OWNER, as `--lane` takes them
    kept: tuple[str, ...] = ()  # keys of the final data compared


CORPUS = {
    "leave_request": Case(
        ("fixtures/modeler/leave_request.bpmn",),
        "leave_request",
        (("Activity_fill", "office.staff", {}), ("Activity_approve", "office.staff", {})),
    ),
    "lanes with other names": Case(
        ("fixtures/modeler/approval_lanes.bpmn",),
        "fund_approval",
        (("Task_review", "office.director", {}), ("Task_sign", "convener", {}), ("Task_file", "office.staff", {})),
        lanes=("审批人=office_director",),
    ),
    "camunda attributes": Case(
        ("fixtures/modeler/camunda_tasks.bpmn",),
        "unit_feedback",
        (
            ("Task_assess", "office.director", {}),
            ("Task_answer", "liaison.wjj", {"days": 5, "level": "agree"}),
            ("Task_check", "office.staff", {"remarks": "无"}),
        ),
        kept=("days", "level"),
    ),
    "camunda form fields in camelCase": Case(
        ("corpus/camunda_form.bpmn",),
        "leave_days",
        (("Activity_apply", "office.staff", {"firstName": "张三", "dayCount": 3}),),
        kept=("firstName", "dayCount"),
    ),
    "exclusive gateway on an answer": Case(
        ("corpus/amount_choice.bpmn",),
        "amount_choice",
        (("Activity_apply", "office.staff", {"amount": 25000}),),
    ),
    "parallel gateway": Case(
        ("corpus/parallel_review.bpmn",),
        "parallel_review",
        (("Activity_finance", "office.staff", {"cost": 1}), ("Activity_legal", "office.staff", {"lawful": True})),
        kept=("cost", "lawful"),
    ),
    "script with dates": Case(
        ("corpus/dated_script.bpmn",),
        "dated_script",
        (("Activity_receive", "office.staff", {"received": "2026-11-21"}),),
        kept=("deadline", "weekend"),
    ),
    "boundary timer": Case(("corpus/reply_deadline.bpmn",), "reply_deadline", (TIMER,)),
    # SpiffWorkflow 3.2 runs an event subprocess beside the process, interrupting or not: the
    # task it was drawn to interrupt stays open, in both runs.
    "event subprocess": Case(
        ("corpus/closing_timer.bpmn",),
        "closing_timer",
        (TIMER, ("Activity_collect", "office.staff", {})),
        kept=("closed_by",),
    ),
    "decision table": Case(
        ("fixtures/dmn/matter_routing.bpmn", "fixtures/dmn/units_for_matter.dmn"),
        "matter_routing",
        (("confirm", "office.staff", {}),),
        start={"matter_kind": "occupational", "workers": 120},
        kept=("concerned_units",),
    ),
    "call activity": Case(
        ("fixtures/calls/collect_figures.bpmn", "fixtures/calls/annual_report.bpmn"),
        "annual_report",
        (("fill_figures", "office.staff", {"figures": 7}),),
        kept=("figures",),
    ),
    "message with a correlation key": Case(
        ("fixtures/messages/awaits_decision.bpmn",),
        "awaits_decision",
        (Send("message", "decision_made", {"outcome": "维持"}, {"dispute_id": 42}), ("act", "office.staff", {})),
        start={"dispute_id": 42},
        kept=("decision",),
    ),
    "signal": Case(
        ("fixtures/messages/awaits_signal.bpmn",),
        "awaits_signal",
        (Send("signal", "year_closed", {"year": 2026}), ("sum_up", "office.staff", {})),
        kept=("closing",),
    ),
}

# File, the text of the line named, the element and what is wrong: deploying refuses the file.
REFUSED = {
    "camunda task listener": (
        "corpus/camunda_listener.bpmn",
        "<camunda:taskListener",
        "Activity_approve",
        "camunda:taskListener is not supported (lianxi runs no Camunda code)",
    ),
    "event subprocess started by a message": (
        "corpus/message_start.bpmn",
        '<bpmn:startEvent id="Event_deadline"',
        "Activity_closed",
        "a start by a message or signal is not supported yet",
    ),
    "data store": (
        "corpus/data_store.bpmn",
        "<bpmn:dataStoreReference",
        "DataStoreReference_archive",
        "lianxi has no data stores",
    ),
    "timer date not quoted": (
        "corpus/unquoted_date.bpmn",
        "<bpmn:timeDate",
        "Event_overdue",
        "timer date: ",
    ),
}


@pytest.fixture
def lianxi(app, monkeypatch):
    """lianxi("task", "list") → click's Result of the `lianxi` group run in-process over the app,
    checked to exit with `status`."""
    monkeypatch.setenv("FLASK_SKIP_DOTENV", "1")  # the group would read .env files
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")
    runner = app.test_cli_runner()

    def run(*args, status: int = 0):
        result = runner.invoke(cli, [str(a) for a in args])
        assert result.exit_code == status, result.output
        return result

    return run


@pytest.mark.parametrize("case", CORPUS.values(), ids=CORPUS.keys())
def test_a_modeler_file_runs_to_the_end_spiffworkflow_reaches(case, app, clock, lianxi):
    assert lianxi_run(case, app, clock, lianxi) == spiff_run(case)


@pytest.mark.parametrize(("file", "needle", "element", "says"), REFUSED.values(), ids=REFUSED.keys())
def test_a_modeler_file_lianxi_cannot_run_is_refused_naming_file_line_and_element(file, needle, element, says, lianxi):
    path = TESTS / file
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)
    where, _, message = lianxi("workflow", "deploy", path, status=1).stderr.partition(": ")
    assert where == f"{path}:{line}"
    assert element in message and says in message, message


def lianxi_run(case: Case, app, clock, lianxi) -> tuple:
    lane_options = [option for lane in case.lanes for option in ("--lane", lane)]
    lianxi("workflow", "deploy", *(TESTS / file for file in case.files), *lane_options)
    start = json.dumps(case.start or {})
    instance_id = int(lianxi("instance", "start", case.process, "--body", "qixing", "--data", start).stdout)
    db = app.extensions["lianxi"].db
    for step in case.steps:
        if step == TIMER:
            assert timers.fire_due_timers(db, clock.now() + timedelta(days=1)) == 1
            continue
        if isinstance(step, Send):
            keys = [option for key, value in step.keys.items() for option in ("--key", f"{key}={value}")]
            lianxi(step.kind, "send", step.name, "--data", json.dumps(step.payload), *keys, "--as", "office.staff")
            continue
        name, user, data = step
        opened = json.loads(lianxi("task", "list", "--instance", instance_id, "--json").stdout)
        (task,) = [t for t in opened if t["name"] == name]
        lianxi("task", "complete", task["id"], "--user", user, "--data", json.dumps(data))
    with db.read_session() as session:
        instance = session.get(ProcessInstance, instance_id)
        assert instance.status == "completed"
        return outcome(runtime.load(instances.parsed_spec(instance.spec), instance.state), case)


def spiff_run(case: Case) -> tuple:
    parser = SpiffBpmnParser()
    parser.add_bpmn_files([str(TESTS / f) for f in case.files if f.endswith(".bpmn")])
    parser.add_dmn_files([str(TESTS / f) for f in case.files if f.endswith(".dmn")])
    # The names lianxi's sandbox gives scripts, which SpiffWorkflow's own engine lacks.
    scripts = PythonScriptEngine(
        environment=TaskDataEnvironment({"date": date, "datetime": datetime, "timedelta": timedelta})
    )
    workflow = BpmnWorkflow(
        parser.get_spec(case.process), parser.get_subprocess_specs(case.process), script_engine=scripts
    )
    workflow.task_tree.data.update(case.start or {})
    workflow.do_engine_steps()
    for step in case.steps:
        if step == TIMER:
            workflow.refresh_timers()
        elif isinstance(step, Send):
            definition = DEFINITIONS[step.kind](step.name)
            # The message is for this instance: it carries the instance's own correlation.
            workflow.send_event(BpmnEvent(definition, step.payload, workflow.correlations))
        else:
            name, _, data = step
            (task,) = [t for t in workflow.get_tasks(state=TaskState.READY, manual=True) if t.task_spec.bpmn_id == name]
            task.data.update(data)
            task.run()
        workflow.do_engine_steps()
    assert workflow.is_completed()
    return outcome(workflow, case)


def outcome(workflow: BpmnWorkflow, case: Case) -> tuple:
    """The end events reached, and the data the case compares."""
    reached = sorted(
        t.task_spec.bpmn_id
        for t in workflow.get_tasks(state=TaskState.COMPLETED)
        if isinstance(t.task_spec, EndEvent) and t.task_spec.bpmn_id
    )
    data = (workflow.last_task or workflow.task_tree).data
    return reached, {key: data.get(key) for key in case.kept}
