"""What a process diagram marks on one instance: each BPMN element it has passed, the steps open
now, and the events it waits on. One SpiffWorkflow load per call (docs/DIAGRAM.md)."""

from __future__ import annotations

from dataclasses import dataclass

from SpiffWorkflow.bpmn.specs.defaults import ExclusiveGateway, InclusiveGateway, ParallelGateway
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition
from SpiffWorkflow.util.task import TaskState

from engine.workflow import instances, properties
from engine.workflow.models import ProcessInstance
from engine.workflow.spiff import runtime

DONE, CURRENT, TIMER, WAITING = "done", "current", "timer", "waiting"
# An element run more than once shows its liveliest state: a step returned for revision is
# current again although its first round is done.
_RANK = {DONE: 1, WAITING: 2, TIMER: 3, CURRENT: 4}
_GATEWAYS = (ExclusiveGateway, InclusiveGateway, ParallelGateway)


@dataclass(frozen=True)
class DiagramState:
    marks: dict[str, str]  # BPMN element id -> DONE | CURRENT | TIMER | WAITING
    steps: frozenset[tuple[str, str]]  # (from, to) BPMN element ids the instance went along
    titles_en: dict[str, str]  # BPMN element id -> its English name, where the BPMN gives one


def of_instance(instance: ProcessInstance) -> DiagramState:
    parsed = instances.parsed_spec(instance.spec)
    workflow = runtime.load(parsed, instance.state)
    marks: dict[str, str] = {}
    steps = set()
    for tree in [workflow, *workflow.subprocesses.values()]:
        for task in tree.tasks.values():
            bpmn_id, mark = getattr(task.task_spec, "bpmn_id", None), _mark(task)
            if bpmn_id and mark and _RANK[mark] > _RANK.get(marks.get(bpmn_id), 0):
                marks[bpmn_id] = mark
            if bpmn_id and mark and task.parent is not None:
                steps.add((getattr(task.parent.task_spec, "bpmn_id", None), bpmn_id))
    return DiagramState(marks, frozenset(steps), _titles_en(parsed))


def _mark(task) -> str | None:
    if task.state == TaskState.COMPLETED:
        return DONE
    if task.state in (TaskState.READY, TaskState.STARTED):
        return CURRENT
    if task.state != TaskState.WAITING or isinstance(task.task_spec, _GATEWAYS):
        return None  # a join waiting for its other branches is not a step anyone takes
    definition = getattr(task.task_spec, "event_definition", None)
    return TIMER if isinstance(definition, TimerEventDefinition) else WAITING


def _titles_en(parsed) -> dict[str, str]:
    specs = [parsed.spec, *parsed.subprocess_specs.values()]
    titles = {}
    for spec in specs:
        for task_spec in spec.task_specs.values():
            bpmn_id = getattr(task_spec, "bpmn_id", None)
            if bpmn_id and "properties" in getattr(task_spec, "extensions", {}):
                titles[bpmn_id] = properties.of_task(task_spec).title_en
    return {key: title for key, title in titles.items() if title}
