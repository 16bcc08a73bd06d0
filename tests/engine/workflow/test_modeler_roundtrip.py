"""Files that survive a modeler: every shipped workflow, opened and saved by bpmn-moddle (what
bpmn.io and Camunda Modeler do on open and save, tests/modeler/roundtrip.mjs), keeps its
multi-instance collections, deploys and runs; and deploying refuses a collection a modeler
would drop, while a version stored before keeps running."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, WORKFLOWS
from information_steps import answered, requested

from engine.core.uow import UnitOfWork
from engine.workflow import deploy, instances
from engine.workflow.models import ProcessInstance, WorkflowSpec
from engine.workflow.spiff.parsing import BpmnProblem, parse_sources

MODELER = ROOT / "tests" / "modeler"
# A collection's declaration: without them, a file reads as lianxi wrote its collections before,
# by a name no element of the file has as its id.
DECLARATION = re.compile(r'\n\s*<bpmn:property id="[^"]+" name="[^"]+" />')


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> tuple[Path, dict[str, list[str]]]:
    """The folder of the saved copies, beside the forms, and what the modeler warned of, by file."""
    folder = tmp_path_factory.mktemp("saved")
    node = shutil.which("node")
    assert node, "node is not installed: `make modeler` installs it"
    files = sorted(WORKFLOWS.glob("*.bpmn"))
    run = subprocess.run([node, MODELER / "roundtrip.mjs", folder, *files], capture_output=True, text=True, check=False)
    assert run.returncode == 0, f"{run.stderr}\n(`make modeler` installs bpmn-moddle)"
    shutil.copytree(WORKFLOWS / "forms", folder / "forms")
    return folder, json.loads(run.stdout)


def collections(sources: dict[str, str]) -> dict[tuple[str, str], tuple]:
    """Each multi-instance task's input and output collections and items, by process and task."""
    found = {}
    for process in parse_sources(sources).values():
        for task_spec in process.spec.task_specs.values():
            if getattr(task_spec, "data_input", None) is not None:
                refs = (task_spec.data_input, task_spec.data_output, task_spec.input_item, task_spec.output_item)
                found[process.process_id, task_spec.bpmn_id] = tuple(ref and ref.bpmn_id for ref in refs)
    return found


def test_a_modeler_reads_every_workflow_without_a_warning(saved):
    _, warnings = saved
    assert len(warnings) == len(list(WORKFLOWS.glob("*.bpmn")))
    assert {file: found for file, found in warnings.items() if found} == {}


def test_the_saved_workflows_deploy_with_their_collections(saved, db, clock):
    folder, _ = saved
    sources, forms = deploy.read_bpmn_files(sorted(folder.glob("*.bpmn")))
    with db.write_session() as session:
        deployed = deploy.deploy(session, sources, forms, "tester", clock.now())
    assert len(deployed) == len(sources)
    original = {path.name: path.read_text(encoding="utf-8") for path in WORKFLOWS.glob("*.bpmn")}
    before = collections(original)
    assert before["office_meeting", "receive_minutes"] == ("attended_units", "receipts", "recipient", "receipt")
    assert collections(sources) == before


def test_a_saved_multi_instance_step_runs(saved, db, clock):
    folder, _ = saved
    now = clock.now()
    sources, forms = deploy.read_bpmn_files([folder / "information_request.bpmn"])
    with UnitOfWork(db) as uow:
        [version] = deploy.deploy(uow.session, sources, forms, "tester", now)
        uow.commit()
    assert version.new  # the saved copy, not the shipped file the demo deployed
    instance_id = requested(db, now, ["wjj", "zgh"])
    for unit in ("wjj", "zgh"):
        answered(db, instance_id, unit, now)
    assert answers_of(db, instance_id, version.content_hash) == {"wjj", "zgh"}


def test_a_collection_a_modeler_would_drop_is_refused(db, clock):
    good = (WORKFLOWS / "office_meeting.bpmn").read_text(encoding="utf-8")
    bad = good.replace('\n    <bpmn:property id="receipts" name="receipts" />', "")
    assert bad != good
    _, forms = deploy.read_bpmn_files([WORKFLOWS / "office_meeting.bpmn"])
    with db.write_session() as session, pytest.raises(BpmnProblem) as problem:
        deploy.deploy(session, {"office_meeting.bpmn": bad}, forms, "tester", clock.now())
    line = next(n for n, text in enumerate(bad.splitlines(), 1) if "<bpmn:loopDataOutputRef>receipts<" in text)
    assert (problem.value.file, problem.value.line) == ("office_meeting.bpmn", line)
    assert "receive_minutes" in problem.value.message
    assert '<bpmn:property id="receipts" name="receipts" />' in problem.value.message


def test_a_version_stored_before_the_declarations_keeps_running(db, clock):
    now = clock.now()
    old = DECLARATION.sub("", (WORKFLOWS / "information_request.bpmn").read_text(encoding="utf-8"))
    assert "<bpmn:property" not in old
    with db.write_session() as session:
        latest = deploy.deployed(session)
        shipped = next(spec for spec in latest if spec.process_id == "information_request")
        stored = WorkflowSpec(
            process_id=shipped.process_id,
            name=shipped.name,
            version=shipped.version + 1,
            content_hash="stored-before-collections-were-declared",
            sources={"information_request.bpmn": old},
            forms=shipped.forms,
            deployed_at=now,
            deployed_by="tester",
        )
        session.add(stored)
        session.commit()
    instance_id = requested(db, now, ["wjj", "zgh"])
    for unit in ("wjj", "zgh"):
        answered(db, instance_id, unit, now)
    assert answers_of(db, instance_id, stored.content_hash) == {"wjj", "zgh"}


def answers_of(db, instance_id: int, content_hash: str) -> set[str]:
    """The units whose answers the finished instance's output collection holds, checking that it
    ran on the version of `content_hash`."""
    with db.read_session() as session:
        instance = session.get(ProcessInstance, instance_id)
        assert (instance.spec.content_hash, instance.status) == (content_hash, "completed")
        return set(instances.current_data(instance)["answers"])
