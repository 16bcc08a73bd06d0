"""Reading a workflow's waiting timers, which SpiffWorkflow 3.2 keeps inside its event manager."""

from __future__ import annotations

from datetime import datetime

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.specs.event_definitions.base import EventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition

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
