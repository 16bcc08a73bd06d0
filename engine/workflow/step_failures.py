"""Running an instance's engine steps so that one failing step does not undo the rest.

A script task, service task or gateway that fails when the engine runs it (raises, runs out of
time or memory: engine.workflow.spiff.script_runner) is left in SpiffWorkflow's ERROR state: the
engine never runs an ERROR task again by itself, so its branch waits there while the person's
completion and every other branch go on and are saved. Its data is as it was before the step ran
(a script's changes come back from the helper only when it succeeds), so nothing is half-written.
Each such failure becomes an incident (engine.workflow.incidents) in the same transaction.

A failure in the step a person completes (their own task's post-script) is not one of these: it
still refuses their completion (ProcessFailure), as it did before. A timer right after their task
is: its expression is evaluated inside their completion, but it is the timer's step that failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.util.task import TaskState
from sqlalchemy.orm import Session

from engine.workflow.models import Incident, ProcessInstance
from engine.workflow.spiff import timers

MAX_FAILURES = 20  # failing steps one command records before it gives up on the instance
KINDS = {"ScriptTimeout": "timeout", "ScriptMemoryLimit": "memory", "MemoryError": "memory"}


@dataclass(frozen=True)
class Failure:
    task_id: str
    task_name: str
    task_title: str
    task_title_en: str
    kind: str  # error | timeout | memory
    detail: str


def act_then_run(workflow: BpmnWorkflow, act: Callable[[BpmnWorkflow], object]) -> list[Failure]:
    """`act` (a completion, a delivery, a retry …), then `run_engine_steps`; a timer reached on the
    way whose expression fails is among the failures (engine.workflow.spiff.timers.kept_apart)."""
    with timers.kept_apart() as failed_timers:
        act(workflow)
        failures = run_engine_steps(workflow)
    return [_failure(exc) for exc in failed_timers] + failures


def run_engine_steps(workflow: BpmnWorkflow) -> list[Failure]:
    """The engine's steps to a standstill (inside engine_time), with the steps that failed."""
    failures: list[Failure] = []
    while True:
        try:
            workflow.do_engine_steps()
            # A timer that came due is only marked READY by the first pass (docs/SPIFFWORKFLOW.md §5).
            workflow.refresh_timers()
            workflow.do_engine_steps()
            return failures
        except WorkflowTaskException as exc:
            failure = _failure(exc)
            if failure is None or len(failures) >= MAX_FAILURES:
                raise
            failures.append(failure)


def _failure(exc: WorkflowTaskException) -> Failure | None:
    """None for a failure that is not an engine step's (a person's task), which is refused."""
    task = exc.task
    if task is None or task.task_spec.manual or task.state != TaskState.ERROR:
        return None
    detail = str(exc)
    if exc.line_number:
        detail += f" (line {exc.line_number}: {exc.error_line})"
    spec = task.task_spec
    return Failure(
        task_id=str(task.id),
        task_name=spec.bpmn_id or spec.name,
        task_title=spec.bpmn_name or spec.bpmn_id or spec.name,
        task_title_en=getattr(spec, "extensions", {}).get("properties", {}).get("title_en", ""),
        kind=KINDS.get(exc.error_type, "error"),
        detail=detail,
    )


def record(session: Session, instance: ProcessInstance, failures: list[Failure], now: datetime) -> None:
    for failure in failures:
        session.add(
            Incident(
                body_id=instance.body_id,
                instance_id=instance.id,
                task_id=failure.task_id,
                task_name=failure.task_name[:100],
                task_title=failure.task_title[:300],
                task_title_en=failure.task_title_en[:300],
                spec_version=instance.spec.version,
                kind=failure.kind,
                detail=failure.detail,
                created_at=now,
                status="open",
            )
        )
