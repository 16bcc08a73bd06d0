"""SpiffWorkflow set up in one place: cached specs, the serializer, the sandboxed script engine.

Instances are stored with their spec *by reference* (docs/SPIFFWORKFLOW.md §6): the state JSON holds no
spec; loading takes the already-parsed spec from an in-process cache keyed by the deployed
WorkflowSpec row. That skips converting the spec in both directions on every request.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from uuid import UUID

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.default.workflow import BpmnWorkflowConverter, WorkflowConverter
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG

from engine.workflow.spiff.bounded import make_bounded_engine
from engine.workflow.spiff.parsing import ParsedProcess, parse_sources

_specs_for_loading: contextvars.ContextVar[ParsedProcess] = contextvars.ContextVar("specs")


class _SpecByReference(BpmnWorkflowConverter):
    def to_dict(self, workflow):
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct):
        parsed = _specs_for_loading.get()
        workflow = self.target_class(parsed.spec, parsed.subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


_config = dict(SPIFF_CONFIG)
_config[BpmnWorkflow] = _SpecByReference
_serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(_config))
SERIALIZER_VERSION = _serializer.VERSION


class SpecCache:
    """Parsed specs by content hash, not by row id: the same id names different sources in
    different databases, and one process may serve several. Specs are immutable once deployed,
    and safe to share across threads because parse_sources prewires them."""

    def __init__(self):
        self._parsed: dict[tuple[str, str], ParsedProcess] = {}
        self._lock = threading.Lock()

    def get(self, content_hash: str, process_id: str, sources: Callable[[], dict]) -> ParsedProcess:
        key = (content_hash, process_id)
        parsed = self._parsed.get(key)
        if parsed is None:
            parsed = parse_sources(sources())[process_id]
            with self._lock:
                parsed = self._parsed.setdefault(key, parsed)
        return parsed


SPECS = SpecCache()
# Scripts run in helper processes under a CPU and a memory limit (engine.workflow.spiff.bounded).
SCRIPT_ENGINE = make_bounded_engine()


def new_workflow(parsed: ParsedProcess, data: dict) -> BpmnWorkflow:
    workflow = BpmnWorkflow(parsed.spec, parsed.subprocess_specs, script_engine=SCRIPT_ENGINE)
    # Tasks see the root task's data, not workflow.data (docs/SPIFFWORKFLOW.md §3).
    workflow.task_tree.data.update(data)
    return workflow


def find_task(workflow: BpmnWorkflow, task_id: str):
    """A task by id, in the workflow or in one of its subprocesses (a multi-instance embedded
    subprocess keeps its tasks there); None if there is none."""
    key = UUID(task_id)
    trees = [workflow, *workflow.subprocesses.values()]
    return next((tree.tasks[key] for tree in trees if key in tree.tasks), None)


def dump(workflow: BpmnWorkflow) -> str:
    return _serializer.serialize_json(workflow)


def load(parsed: ParsedProcess, state: str) -> BpmnWorkflow:
    token = _specs_for_loading.set(parsed)
    try:
        workflow = _serializer.deserialize_json(state)
    finally:
        _specs_for_loading.reset(token)
    # The script engine is not serialized: without this the workflow would run unsandboxed.
    workflow.script_engine = SCRIPT_ENGINE
    return workflow
