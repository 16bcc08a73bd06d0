"""Moving a running workflow to another version of its process, with SpiffWorkflow's own diff and
migration (`SpiffWorkflow.bpmn.util.diff`): the waiting steps are realigned by BPMN id and what
follows them is predicted afresh from the new version.

Two things lianxi adds. The library resets each waiting step as it re-predicts it, which would
drop its data and internal data: a multi-instance child keeps there which unit it is for, a timer
the instant it computed. Both are put back. And our state keeps its spec by reference
(docs/SPIFFWORKFLOW.md §6), so every step the instance has passed must still exist in the new
version, aligned by id or by position, or the saved state would not load on it (`strays`).
"""

from __future__ import annotations

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.util.diff import WorkflowDiff, diff_workflow, migrate_workflow
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

from engine.workflow.spiff.parsing import ParsedProcess

# The library compares specs through their serialized form.
_REGISTRY = BpmnWorkflowSerializer.configure(SPIFF_CONFIG)
WAITING = TaskState.READY | TaskState.WAITING


def unfit_waiting(workflow: BpmnWorkflow, target: ParsedProcess) -> list[str]:
    """The BPMN ids of the waiting steps that `target` lacks, or has as another kind of task."""
    top, subprocesses = diff_workflow(_REGISTRY, workflow, target.spec, target.subprocess_specs)
    unfit = _unfit_in(workflow, top)
    for key, diff in subprocesses.items():
        unfit += _unfit_in(workflow.subprocesses[key], diff)
    return sorted(set(unfit))


def _unfit_in(tree, diff: WorkflowDiff | None) -> list[str]:
    """`diff` None: the new version lacks the whole subprocess."""
    waiting = tree.get_tasks(state=WAITING, skip_subprocesses=True)
    unfit = waiting if diff is None else [t for t in waiting if not _same_step(t.task_spec, diff.alignment.get(t))]
    return [t.task_spec.bpmn_id or t.task_spec.name for t in unfit]  # the library's own steps have no BPMN id


def _same_step(old, new) -> bool:
    """The library aligns by id first, then by position; a waiting step must keep its id."""
    return new is not None and new.name == old.name and type(new) is type(old)


def move(workflow: BpmnWorkflow, target: ParsedProcess) -> None:
    """Move the workflow onto `target`, its waiting steps fit (`unfit_waiting`)."""
    top, subprocesses = diff_workflow(_REGISTRY, workflow, target.spec, target.subprocess_specs)
    kept = {t.id: (t.data, t.internal_data) for t in workflow.get_tasks(state=WAITING)}
    migrate_workflow(top, workflow, target.spec)
    for key, diff in subprocesses.items():
        subprocess = workflow.subprocesses[key]
        if diff is not None:
            migrate_workflow(diff, subprocess, target.subprocess_specs[subprocess.spec.name])
    workflow.subprocess_specs = target.subprocess_specs
    for task in workflow.get_tasks(state=TaskState.STARTED):
        _repredict_started(task)
    for task in workflow.get_tasks(state=WAITING):
        if task.id in kept:
            task.data, task.internal_data = kept[task.id]


def _repredict_started(task) -> None:
    """A step part-way through (a multi-instance task whose units are still answering) is not
    among those the library resets, and must not be: that would drop its answers. What follows
    it is predicted afresh here, its instances left alone."""
    ahead = TaskState.PREDICTED_MASK | TaskState.FUTURE
    for child in list(task.children):
        if child.has_state(ahead):
            task.workflow._remove_task(child.id)
    for spec in task.task_spec.outputs:
        spec._predict(task._add_child(spec, TaskState.FUTURE), mask=ahead)


def strays(workflow: BpmnWorkflow, target: ParsedProcess) -> list[str]:
    """After `move`: the BPMN ids of the steps left on a spec `target` lacks, the steps the
    instance passed among them. The saved state would not load on `target` with them."""
    trees = [(workflow, target.spec)]
    trees += [(tree, target.subprocess_specs.get(tree.spec.name)) for tree in workflow.subprocesses.values()]
    found = set()
    for tree, spec in trees:
        known = set(spec.task_specs.values()) if spec is not None else set()
        found |= {t.task_spec.bpmn_id or t.task_spec.name for t in tree.tasks.values() if t.task_spec not in known}
    return sorted(found)
