"""Reading a workflow's waiting timers, which SpiffWorkflow 3.2 keeps inside its event manager; and
a timer whose expression fails, made a failed step like a script's."""

from __future__ import annotations

import functools
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
from SpiffWorkflow.util.task import TaskState

from engine.core.clock import parse_instant


def next_due(workflow: BpmnWorkflow) -> datetime | None:
    """When the workflow's earliest timer falls, kept as the instance's next_timer_at."""
    due = [parse_instant(value) for value in _timer_values(workflow) if value]
    return min(due, default=None)


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
