"""Reading a workflow's waiting timers, which SpiffWorkflow 3.2 keeps inside its event manager; and
a timer whose expression fails, made a failed step like a script's, kept apart from whatever
reached it (`kept_apart`)."""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException
from SpiffWorkflow.bpmn.specs.event_definitions.base import EventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import (
    CycleTimerEventDefinition,
    DurationTimerEventDefinition,
    TimeDateEventDefinition,
    TimerEventDefinition,
)
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.util.task import TaskState

from engine.core.clock import SHANGHAI


def next_due(workflow: BpmnWorkflow) -> datetime | None:
    """When the workflow's earliest timer falls, kept as the instance's next_timer_at."""
    due = [_fires_at(value) for value in _timer_values(workflow) if value]
    return min(due, default=None)


def _fires_at(value: str) -> datetime:
    """The instant SpiffWorkflow compares the clock with, read as it reads it: a bare date
    (`2027-01-15`) is the start of that day in Beijing (its LOCALTZ: engine.workflow.spiff.timeshift),
    not the end of it, as a deadline's bare date is (engine.core.clock.parse_instant)."""
    return TimerEventDefinition.parse_time_or_duration(value).astimezone(SHANGHAI)


def _timer_values(workflow: BpmnWorkflow):
    """Read per waiting task rather than from waiting_events(): an event-based gateway's timer
    sits inside a MultipleEventDefinition whose pending event carries no value, and missed it
    would never fire."""
    for task in workflow.event_manager.tasks.values():
        for timer in _timers(task.task_spec.event_definition):
            yield timer.details(task).value


def _timers(definition: EventDefinition) -> list[TimerEventDefinition]:
    if isinstance(definition, MultipleEventDefinition):
        return [timer for inner in definition.event_definitions for timer in _timers(inner)]
    return [definition] if isinstance(definition, TimerEventDefinition) else []


def _failing_as_step(evaluate):
    """SpiffWorkflow leaves a timer whose expression fails (or gives no ISO time) as it was and
    raises, a bare ValueError for a bad value: the command is undone and every timer pass tries
    again. Here the timer's task is put in ERROR and out of the event manager, and the error
    carries it, so engine.workflow.step_failures makes it an incident and nothing evaluates it
    again until the administrator retries it (docs/SPIFFWORKFLOW.md §5)."""

    @functools.wraps(evaluate)
    def checked(self, my_task):
        try:
            return evaluate(self, my_task)
        except Exception as exc:
            my_task._set_state(TaskState.ERROR)
            my_task.workflow.top_workflow.event_manager.remove_task(my_task)
            if isinstance(exc, WorkflowTaskException):
                raise
            raise WorkflowTaskException(f"timer {self.expression}: {exc}", task=my_task, exception=exc) from exc

    return checked


# The three places a timer's expression is evaluated and its value read (SpiffWorkflow 3.2.0, §1).
TimeDateEventDefinition.has_fired = _failing_as_step(TimeDateEventDefinition.has_fired)
DurationTimerEventDefinition.has_fired = _failing_as_step(DurationTimerEventDefinition.has_fired)
CycleTimerEventDefinition.cycle_complete = _failing_as_step(CycleTimerEventDefinition.cycle_complete)


_kept: contextvars.ContextVar[list[WorkflowTaskException] | None] = contextvars.ContextVar("lianxi_failed_timers")


@contextmanager
def kept_apart() -> Iterator[list[WorkflowTaskException]]:
    """Timers that fail inside the block are collected in the list it yields rather than raised.
    SpiffWorkflow reaches a timer while completing the task before it (its children are updated
    inside `complete()`): raised, the failure would undo a person's completion, or leave the
    task completed with its other branches never updated."""
    failed: list[WorkflowTaskException] = []
    token = _kept.set(failed)
    try:
        yield failed
    finally:
        _kept.reset(token)


def _failure_kept(update_hook):
    @functools.wraps(update_hook)
    def updated(self, my_task):
        try:
            return update_hook(self, my_task)
        except WorkflowTaskException as exc:
            failed = _kept.get(None)
            if failed is None or exc.task is not my_task or my_task.state != TaskState.ERROR:
                raise
            failed.append(exc)
            return False  # not READY: left in ERROR, as `_failing_as_step` put it

    return updated


CatchingEvent._update_hook = _failure_kept(CatchingEvent._update_hook)
