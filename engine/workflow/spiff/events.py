"""Messages and signals as SpiffWorkflow 3.2 keeps them (docs/SPIFFWORKFLOW.md §11): what a
workflow waits for, delivering one to it, and what it threw that nothing inside it caught.

lianxi speaks of an event as its kind ("message" or "signal"), its name, and for a message its
correlation: the flat {property: value} the library keeps nested under correlation keys, values
as text so that a key typed on the command line matches a number in the process data.
"""

from __future__ import annotations

import json
from copy import deepcopy
from dataclasses import dataclass, field

from SpiffWorkflow.bpmn import BpmnEvent, BpmnWorkflow
from SpiffWorkflow.bpmn.specs.event_definitions.base import EventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions.multiple import MultipleEventDefinition
from SpiffWorkflow.spiff.specs.event_definitions import MessageEventDefinition, SignalEventDefinition
from SpiffWorkflow.util.task import TaskState

# The Spiff flavour's classes: an event matches a definition of its own class only.
DEFINITIONS = {"message": MessageEventDefinition, "signal": SignalEventDefinition}


@dataclass(frozen=True)
class Event:
    kind: str  # message | signal
    name: str
    payload: dict = field(default_factory=dict)
    correlation: dict[str, str] = field(default_factory=dict)  # messages only

    def reaches(self, waiting: dict) -> bool:
        """Whether an instance's `waiting_for` entry takes it: the same kind and name, and every
        key the sender gives equal to the instance's (a sender who gives none reaches them all)."""
        if (waiting["kind"], waiting["name"]) != (self.kind, self.name):
            return False
        return all(waiting["correlation"].get(key) == value for key, value in self.correlation.items())


def waiting_for(workflow: BpmnWorkflow) -> list[dict] | None:
    """The messages and signals the workflow waits for, as `ProcessInstance.waiting_for` keeps
    them; None when it waits for none."""
    found = {json.dumps(entry, sort_keys=True): entry for task in _waiting_tasks(workflow) for entry in _entries(task)}
    return [found[key] for key in sorted(found)] or None


def deliver(workflow: BpmnWorkflow, event: Event) -> None:
    """Each waiting task the event reaches catches it, its payload a copy of its own. A message
    goes to each correlated task with that task's own correlations, which the library compares
    against the ones it keeps (docs/SPIFFWORKFLOW.md §11)."""
    definition = DEFINITIONS[event.kind](event.name)
    if event.kind == "signal":
        workflow.send_event(BpmnEvent(definition, deepcopy(event.payload)))
        return
    for task in [t for t in _waiting_tasks(workflow) if _reached(t, event)]:
        if task.state == TaskState.WAITING:  # one caught before may have taken this one too
            workflow.send_event(BpmnEvent(definition, deepcopy(event.payload), task.workflow.correlations))


def thrown(workflow: BpmnWorkflow) -> list[Event]:
    """The messages and signals the workflow threw that nothing inside it caught, taken out of it
    so that its saved state does not keep them; other kinds of event are left uncaught."""
    kinds = {cls: kind for kind, cls in DEFINITIONS.items()}
    return [
        Event(kinds[type(e.event_definition)], e.event_definition.name, e.payload or {}, flat(e.correlations))
        for e in workflow.get_events()
        if type(e.event_definition) in kinds
    ]


def flat(correlations: dict) -> dict[str, str]:
    """{correlation key: {property: value}} → {property: value as text}."""
    return {prop: str(value) for values in correlations.values() for prop, value in values.items()}


def _waiting_tasks(workflow: BpmnWorkflow) -> list:
    """The event manager also holds catch events not yet reached once a workflow is loaded
    (anything definite): only those actually waiting count."""
    return [t for t in workflow.event_manager.tasks.values() if t.state == TaskState.WAITING]


def _kinds(definition: EventDefinition) -> list[tuple[str, EventDefinition]]:
    """An event-based gateway waits on a combined definition: each of its parts counts."""
    if isinstance(definition, MultipleEventDefinition):
        return [pair for inner in definition.event_definitions for pair in _kinds(inner)]
    return [(kind, definition) for kind, cls in DEFINITIONS.items() if isinstance(definition, cls)]


def _entries(task) -> list[dict]:
    """What one waiting task waits for; a signal has no correlation."""
    correlation = flat(task.workflow.correlations)
    return [
        {"kind": kind, "name": definition.name, "correlation": correlation if kind == "message" else {}}
        for kind, definition in _kinds(task.task_spec.event_definition)
    ]


def _reached(task, event: Event) -> bool:
    return any(event.reaches(entry) for entry in _entries(task))
