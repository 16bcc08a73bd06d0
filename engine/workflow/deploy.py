"""Deploying BPMN files: validate everything, then store new versions — all or nothing; and
which processes are deployed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.core import audit
from engine.workflow import (
    callees,
    camunda,
    code_checks,
    lanes,
    loop_collections,
    properties,
    records,
    script_checks,
    unsupported,
)
from engine.workflow.forms import FormProblem, load_form
from engine.workflow.models import WorkflowSpec
from engine.workflow.services import checks as services
from engine.workflow.spiff import decision_tables
from engine.workflow.spiff.parsing import BpmnProblem, ParsedProcess, parse_sources, source_line


@dataclass(frozen=True)
class Deployed:
    process_id: str
    version: int
    content_hash: str
    new: bool
    # As FILE:LINE: problem, what is deployed all the same but the operator is told of: scripts
    # that look as if they would not end or not fit (their limits stop them when they run),
    # tasks left to the default owner, Camunda attributes lianxi ignores.
    warnings: tuple[str, ...] = ()
    # The deployed processes its call activities were resolved to, as `process_id vN`.
    calls: tuple[str, ...] = ()


def read_bpmn_files(
    paths: list[Path], lane_owners: dict[str, str] | None = None
) -> tuple[dict[str, str], dict[str, dict]]:
    """The BPMN and DMN sources and every form they name, read from `forms/` beside each file; with
    `lane_owners` ({lane name: owner}) written into the processes with those lanes."""
    sources, forms = {}, {}
    for path in paths:
        try:
            sources[path.name] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BpmnProblem(str(path), None, f"cannot read: {exc}") from exc
    unsupported.refuse_data_stores(sources)
    if lane_owners:
        sources = _with_lanes(sources, lane_owners)
    for process in parse_sources(sources).values():
        _check_properties(process)
        embedded = _embedded_forms(process)
        for key, (file, task_id) in _form_keys(process).items():
            if key in embedded:
                continue
            form_path = _path_of(paths, file).parent / "forms" / f"{key}.json"
            if not form_path.exists():
                line = source_line(process.trees[file], task_id)
                raise BpmnProblem(file, line, f"task {task_id}: form {key!r} not found at {form_path}")
            forms[key] = load_form(str(form_path), form_path.read_text(encoding="utf-8"))
    return sources, forms


def deploy(
    session: Session, sources: dict[str, str], forms: dict[str, dict], actor: str, now: datetime
) -> list[Deployed]:
    """The processes of the files given; those they call and are not given come from what is
    deployed, and those following the latest version of a process deployed anew get a version
    with it (engine.workflow.callees)."""
    done = _deploy_files(session, sources, forms, actor, now)
    return done + _follow(session, {d.process_id for d in done if d.new}, actor, now)


def _deploy_files(
    session: Session, sources: dict[str, str], forms: dict[str, dict], actor: str, now: datetime
) -> list[Deployed]:
    unsupported.refuse_data_stores(sources)
    resolved = callees.with_deployed(session, sources)
    processes = {id_: p for id_, p in parse_sources(resolved.sources).items() if p.file in sources}
    embedded = {key: form for p in processes.values() for key, form in _embedded_forms(p).items()}
    forms = {**resolved.forms, **forms, **embedded}
    for process in processes.values():
        callees.refuse_recursion(process)
        _check_properties(process)
        _check_user_tasks(process, forms)
        _refuse_camunda(process)
        code_checks.refuse_broken(process, files_of(process))
        loop_collections.check(process)
        unsupported.refuse(process)
        services.refuse_bad(process, files_of(process))
    deployed = []
    for process in processes.values():
        stored = _store(session, process, *_own(process, resolved.sources, forms), actor, now)
        warnings = (*_modeler_warnings(process), *_script_warnings(process))
        calls = tuple(f"{c} v{v}" for c, v in resolved.versions.items() if c in process.subprocess_specs)
        deployed.append(replace(stored, warnings=warnings, calls=calls))
    return deployed


def deployed(session: Session, all_versions: bool = False) -> list[WorkflowSpec]:
    """The latest version of every deployed process (a new instance starts on it), or with
    `all_versions` every version; by process id and version."""
    query = select(WorkflowSpec).order_by(WorkflowSpec.process_id, WorkflowSpec.version)
    if not all_versions:
        latest = (
            select(WorkflowSpec.process_id, func.max(WorkflowSpec.version).label("version"))
            .group_by(WorkflowSpec.process_id)
            .subquery()
        )
        query = query.join(
            latest, (latest.c.process_id == WorkflowSpec.process_id) & (latest.c.version == WorkflowSpec.version)
        )
    return list(session.scalars(query))


def _follow(session: Session, renewed: set[str], actor: str, now: datetime) -> list[Deployed]:
    """The new versions of the processes following the latest version of one of `renewed`, then
    of those following them in turn."""
    if not renewed:
        return []
    followers = callees.following(session, deployed(session), renewed)
    waiting = {follower.process_id for follower in followers}
    again = []
    for follower in followers:
        if follower.versions.keys() & waiting:
            continue  # it also follows one renewed here: its turn comes with that one's new version
        calls = tuple(f"{callee} v{version}" for callee, version in follower.versions.items())
        redeployed = _deploy_files(session, follower.sources, follower.forms, actor, now)
        again += [replace(d, calls=calls) for d in redeployed if d.process_id == follower.process_id]
    return again + _follow(session, {d.process_id for d in again if d.new}, actor, now)


def files_of(process: ParsedProcess) -> set[str]:
    """The files a process is drawn in, its subprocesses' and callees', and the decision tables they use."""
    drawn = {process.file} | {s.file for s in process.subprocess_specs.values() if getattr(s, "file", None)}
    specs = [process.spec, *process.subprocess_specs.values()]
    return drawn | decision_tables.files_used(specs, process.decision_files)


def _own(process: ParsedProcess, sources: dict[str, str], forms: dict[str, dict]) -> tuple[dict, dict, str]:
    """What one process consists of — its file, its subprocesses' files, the forms its tasks
    use — and their hash: deploying a file alone or among others is the same version."""
    own_sources = {name: sources[name] for name in sorted(files_of(process)) if name in sources}
    own_forms = {key: forms[key] for key in sorted(_form_keys(process)) if key in forms}
    return own_sources, own_forms, _hash(own_sources, own_forms)


def _store(session, process: ParsedProcess, sources, forms, content_hash, actor, now) -> Deployed:
    existing = session.scalar(
        select(WorkflowSpec).where(
            WorkflowSpec.process_id == process.process_id,
            WorkflowSpec.content_hash == content_hash,
        )
    )
    if existing:
        return Deployed(process.process_id, existing.version, content_hash, new=False)
    latest = session.scalar(select(func.max(WorkflowSpec.version)).where(WorkflowSpec.process_id == process.process_id))
    spec = WorkflowSpec(
        process_id=process.process_id,
        name=process.name,
        name_en=properties.of_process(process.spec).title_en,
        version=(latest or 0) + 1,
        content_hash=content_hash,
        sources=sources,
        forms=forms,
        deployed_at=now,
        deployed_by=actor,
    )
    session.add(spec)
    audit.record(session, now, actor, "deploy", summary=f"{spec.process_id} v{spec.version}")
    return Deployed(spec.process_id, spec.version, content_hash, new=True)


def user_tasks(process: ParsedProcess):
    specs = [process.spec, *process.subprocess_specs.values()]
    return [t for s in specs for t in s.task_specs.values() if t.manual]


def _script_warnings(process: ParsedProcess) -> tuple[str, ...]:
    found = []
    for element_id, problem in script_checks.warnings(process):
        found.append(str(_at(process, element_id, f"{element_id}: {problem}")))
    return tuple(found)


def _modeler_warnings(process: ParsedProcess) -> tuple[str, ...]:
    """Tasks left to the default owner, and Camunda attributes ignored."""
    found = []
    for task_spec in user_tasks(process):
        for warning in lanes.warnings_of(task_spec):
            found.append(str(_at(process, task_spec.bpmn_id, f"task {task_spec.bpmn_id}: {warning}")))
    for element, message, _refused in camunda.unsupported(process.trees[process.file], process.process_id):
        found.append(str(BpmnProblem(process.file, element.sourceline, message)))
    return tuple(found)


def _refuse_camunda(process: ParsedProcess) -> None:
    for element, message, refused in camunda.unsupported(process.trees[process.file], process.process_id):
        if refused:
            raise BpmnProblem(process.file, element.sourceline, message)


def _embedded_forms(process: ParsedProcess) -> dict[str, dict]:
    """The forms the process's tasks describe in the BPMN itself (camunda:formData), by key."""
    forms = {}
    for task_spec in user_tasks(process):
        form = lanes.form_of(task_spec)
        if form is not None:
            forms[properties.of_task(task_spec).form_key] = form
    return forms


def _with_lanes(sources: dict[str, str], lane_owners: dict[str, str]) -> dict[str, str]:
    trees = next(iter(parse_sources(sources).values())).trees
    try:
        return lanes.written_in(sources, trees, lane_owners)
    except lanes.LaneProblem as exc:
        raise BpmnProblem(", ".join(sources), None, str(exc)) from exc


def _at(process: ParsedProcess, element_id: str, message: str) -> BpmnProblem:
    file = _file_holding(process, element_id)
    return BpmnProblem(file, source_line(process.trees.get(file), element_id), message)


def _check_properties(process: ParsedProcess) -> None:
    """Every lianxi property of the process and its user tasks, refused with its file and line."""
    try:
        properties.check_process(process.spec)
    except properties.PropertyProblem as exc:
        line = source_line(process.trees.get(process.file), process.process_id)
        raise BpmnProblem(process.file, line, f"process {process.process_id}: {exc}") from exc
    for task_spec in (*user_tasks(process), *callees.call_activities(process)):
        try:
            properties.check_task(task_spec)
        except properties.PropertyProblem as exc:
            file = _file_holding(process, task_spec.bpmn_id)
            line = source_line(process.trees.get(file), task_spec.bpmn_id)
            raise BpmnProblem(file, line, f"task {task_spec.bpmn_id}: {exc}") from exc


def _check_user_tasks(process: ParsedProcess, forms: dict[str, dict]) -> None:
    for task_spec in user_tasks(process):
        file = _file_holding(process, task_spec.bpmn_id)
        line = source_line(process.trees.get(file), task_spec.bpmn_id)
        problem = _task_problem(task_spec, forms)
        if problem:
            raise BpmnProblem(file, line, f"task {task_spec.bpmn_id}: {problem}")


def _task_problem(task_spec, forms: dict[str, dict]) -> str | None:
    read = properties.of_task(task_spec)
    if read.form_key and read.form_key not in forms:
        return f"form {read.form_key!r} was not supplied"
    if read.record and read.record not in records.recorders():
        return f"record {read.record!r} is not one lianxi keeps ({', '.join(sorted(records.recorders()))})"
    return None


def _form_keys(process: ParsedProcess) -> dict[str, tuple[str, str]]:
    keys = {}
    for task_spec in user_tasks(process):
        key = properties.of_task(task_spec).form_key
        if key:
            keys[key] = (_file_holding(process, task_spec.bpmn_id), task_spec.bpmn_id)
    return keys


def _file_holding(process: ParsedProcess, element_id: str) -> str:
    """The process's own file first: ids like `start` recur across the files of one deployment."""
    files = [process.file, *(f for f in process.trees if f != process.file)]
    return next((f for f in files if source_line(process.trees[f], element_id)), process.file)


def _path_of(paths: list[Path], file: str) -> Path:
    return next(p for p in paths if p.name == file)


def _hash(sources: dict[str, str], forms: dict[str, dict]) -> str:
    canonical = json.dumps({"sources": sources, "forms": forms}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


__all__ = ["BpmnProblem", "Deployed", "FormProblem", "deploy", "read_bpmn_files", "user_tasks"]
