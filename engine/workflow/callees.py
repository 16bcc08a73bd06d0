"""Call activities at deploy: a process called but not among the files given is taken from what is
deployed, and a process that would call itself, directly or through others, is refused.

A deployed version holds the files of every process it calls (docs/AUTHORING.md, "Call
activities"): its callees are pinned to the versions it was deployed with. Deploying a caller
whose callee is deployed already adds the files of the callee's latest version, as they were
stored, so the callee brings its own callees and forms along. A call activity that follows its
callee's latest version (`callee_version` = `latest`) gets its caller a new version each time the
callee gets one: instances keep the version they started on, as they always do, and new ones
start on the callee's newest.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask
from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session, undefer

from engine.workflow import properties
from engine.workflow.models import WorkflowSpec
from engine.workflow.spiff import runtime
from engine.workflow.spiff.decision_tables import is_decision_file
from engine.workflow.spiff.parsing import BpmnProblem, ParsedProcess, read_xml, source_line

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
_CALL_ACTIVITY = etree.QName(BPMN, "callActivity").text
_PROCESS = etree.QName(BPMN, "process").text


@dataclass(frozen=True)
class Resolved:
    """What deploying adds for the processes called from the files given."""

    sources: dict[str, str]  # the files given, then the deployed callees' files
    forms: dict[str, dict]  # the deployed callees' forms
    versions: dict[str, int]  # deployed callee -> the version taken


def with_deployed(session: Session, sources: dict[str, str]) -> Resolved:
    """BpmnProblem for a call activity whose process is neither given nor deployed."""
    trees = _bpmn_trees(sources)
    defined = _defined_in(sources)
    callees = {}
    for file, tree in trees.items():
        for call in tree.iter(_CALL_ACTIVITY):
            called = call.get("calledElement")
            if called in defined or called in callees:
                continue
            callees[called] = _latest(session, called)
            if callees[called] is None:
                message = f"call activity {call.get('id')}: process {called!r} is in no file given and not deployed"
                raise BpmnProblem(file, call.sourceline, message)
    merged, forms = dict(sources), {}
    for spec in callees.values():
        clash = _clash(merged, spec, sources)
        if clash:
            raise BpmnProblem(clash, None, f"the processes called were deployed with different versions of {clash}")
        merged = _overlaid(spec.sources, merged)
        forms.update(spec.forms)
    return Resolved(merged, forms, {process_id: spec.version for process_id, spec in callees.items()})


@dataclass(frozen=True)
class Follower:
    """A new version due to a process whose call activity follows a callee deployed anew."""

    process_id: str
    sources: dict[str, str]  # its files, the callees' newest in place of those it had
    forms: dict[str, dict]
    versions: dict[str, int]  # each callee it follows -> its newest version


def following(session: Session, latest: list[WorkflowSpec], renewed: set[str]) -> list[Follower]:
    """The processes among `latest` (the latest version of each) that follow one of `renewed`,
    with the latest version of each process they follow."""
    followers = []
    for spec in _mentioning_callee_version(session, latest):
        followed = _followed(_parsed(spec))
        if followed & renewed and spec.process_id not in renewed:
            callees = {process_id: _latest(session, process_id) for process_id in sorted(followed)}
            sources, forms = spec.sources, dict(spec.forms)
            for callee in callees.values():
                sources = _overlaid(sources, callee.sources)
                forms |= callee.forms
            versions = {process_id: callee.version for process_id, callee in callees.items()}
            followers.append(Follower(spec.process_id, sources, forms, versions))
    return followers


def _mentioning_callee_version(session: Session, specs: list[WorkflowSpec]) -> list[WorkflowSpec]:
    """Parsing every deployed process on each deploy would cost more than the deploy itself."""
    text = cast(WorkflowSpec.sources, Text)
    query = select(WorkflowSpec).where(WorkflowSpec.id.in_([s.id for s in specs]), text.like("%callee_version%"))
    return list(session.scalars(query.options(undefer(WorkflowSpec.sources))))


def _parsed(spec: WorkflowSpec) -> ParsedProcess:
    return runtime.SPECS.get(spec.content_hash, spec.process_id, lambda: spec.sources)


def call_activities(process: ParsedProcess) -> list[SubWorkflowTask]:
    """Those drawn in the process's own file: a callee's are the callee's business."""
    specs = (process.spec, *process.subprocess_specs.values())
    return [call for s in specs if getattr(s, "file", None) == process.file for call in _calls_in(s)]


def _followed(process: ParsedProcess) -> set[str]:
    return {call.spec for call in call_activities(process) if properties.of_task(call).follows_callee}


def refuse_recursion(process: ParsedProcess) -> None:
    """A process calling itself, through any chain of call activities, never ends once started."""
    cycle = _cycle(process)
    if cycle:
        (caller, call), *_ = cycle
        chain = " → ".join([caller, *(each.spec for _, each in cycle)])
        file = process.file if caller == process.process_id else process.subprocess_specs[caller].file
        message = f"call activity {call.bpmn_id}: the processes call one another in a circle ({chain})"
        raise BpmnProblem(file, source_line(process.trees.get(file), call.bpmn_id), message)


def _cycle(process: ParsedProcess) -> list[tuple[str, SubWorkflowTask]]:
    """The first chain of (caller, call) that comes back to where it started, if any; embedded
    subprocesses are links of the chain like call activities."""
    specs = {process.process_id: process.spec, **process.subprocess_specs}
    path, done = [], set()

    def visit(name: str) -> list | None:
        for call in _calls_in(specs.get(name)):
            path.append((name, call))
            callers = [caller for caller, _ in path]
            if call.spec in callers:
                return path[callers.index(call.spec) :]
            found = None if call.spec in done else visit(call.spec)
            if found:
                return found
            path.pop()
        done.add(name)
        return None

    return visit(process.process_id) or []


def _calls_in(spec) -> list[SubWorkflowTask]:
    tasks = spec.task_specs.values() if spec is not None else ()
    return [task for task in tasks if isinstance(task, SubWorkflowTask)]


def _overlaid(base: dict[str, str], over: dict[str, str]) -> dict[str, str]:
    """`over`'s files, and those of `base` that `over` has neither by name nor by a process they define."""
    defined, trees = _defined_in(over), _bpmn_trees(base)
    kept = {f: xml for f, xml in base.items() if f not in over and not (f in trees and _defined(trees[f]) & defined)}
    return {**kept, **over}


def _clash(merged: dict[str, str], callee: WorkflowSpec, given: dict[str, str]) -> str | None:
    """A file two callees were deployed with in different versions: which one to run is the deployer's call."""
    return next((f for f, xml in callee.sources.items() if f not in given and merged.get(f, xml) != xml), None)


def _bpmn_trees(sources: dict[str, str]) -> dict:
    return {file: read_xml(file, xml) for file, xml in sources.items() if not is_decision_file(file)}


def _defined(tree) -> set[str]:
    return {process.get("id") for process in tree.iter(_PROCESS)}


def _defined_in(sources: dict[str, str]) -> set[str]:
    return {process_id for tree in _bpmn_trees(sources).values() for process_id in _defined(tree)}


def _latest(session: Session, process_id: str) -> WorkflowSpec | None:
    query = select(WorkflowSpec).where(WorkflowSpec.process_id == process_id)
    return session.scalar(query.order_by(WorkflowSpec.version.desc()).limit(1))
