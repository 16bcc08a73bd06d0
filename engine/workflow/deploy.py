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
from engine.org.models import LANE_ROLES
from engine.workflow import properties, records, script_checks
from engine.workflow.forms import FormProblem, load_form
from engine.workflow.models import WorkflowSpec
from engine.workflow.spiff.parsing import BpmnProblem, ParsedProcess, parse_sources, source_line


@dataclass(frozen=True)
class Deployed:
    process_id: str
    version: int
    content_hash: str
    new: bool
    # Scripts that look as if they would not end or not fit, as FILE:LINE: problem: deployed all
    # the same (their limits stop them when they run), but the operator is told.
    warnings: tuple[str, ...] = ()


def read_bpmn_files(paths: list[Path]) -> tuple[dict[str, str], dict[str, dict]]:
    """The BPMN sources and every form they name, read from `forms/` beside each file."""
    sources, forms = {}, {}
    for path in paths:
        try:
            sources[path.name] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BpmnProblem(str(path), None, f"cannot read: {exc}") from exc
    for process in parse_sources(sources).values():
        _check_properties(process)
        for key, (file, task_id) in _form_keys(process).items():
            form_path = _path_of(paths, file).parent / "forms" / f"{key}.json"
            if not form_path.exists():
                line = source_line(process.trees[file], task_id)
                raise BpmnProblem(file, line, f"task {task_id}: form {key!r} not found at {form_path}")
            forms[key] = load_form(str(form_path), form_path.read_text(encoding="utf-8"))
    return sources, forms


def deploy(
    session: Session, sources: dict[str, str], forms: dict[str, dict], actor: str, now: datetime
) -> list[Deployed]:
    processes = parse_sources(sources)
    for process in processes.values():
        _check_properties(process)
        _check_user_tasks(process, forms)
    deployed = []
    for process in processes.values():
        stored = _store(session, process, *_own(process, sources, forms), actor, now)
        deployed.append(replace(stored, warnings=_script_warnings(process)))
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


def files_of(process: ParsedProcess) -> set[str]:
    """The files a process is drawn in: its own and its subprocesses'."""
    return {process.file} | {s.file for s in process.subprocess_specs.values() if getattr(s, "file", None)}


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
        file = _file_holding(process, element_id)
        line = source_line(process.trees.get(file), element_id)
        found.append(str(BpmnProblem(file, line, f"{element_id}: {problem}")))
    return tuple(found)


def _check_properties(process: ParsedProcess) -> None:
    """Every lianxi property of the process and its user tasks, refused with its file and line."""
    try:
        properties.check_process(process.spec)
    except properties.PropertyProblem as exc:
        line = source_line(process.trees.get(process.file), process.process_id)
        raise BpmnProblem(process.file, line, f"process {process.process_id}: {exc}") from exc
    for task_spec in user_tasks(process):
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
    if read.assignee is None and task_spec.lane not in LANE_ROLES:
        return f"lane {task_spec.lane!r} is not a role ({', '.join(LANE_ROLES)}) and the task has no assignee property"
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
