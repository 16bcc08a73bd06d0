"""Deploying BPMN: all or nothing, and every refusal names the file, the line and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import WORKFLOWS
from sqlalchemy import func, select

from engine.workflow import deploy
from engine.workflow.forms import FormProblem
from engine.workflow.models import WorkflowSpec
from engine.workflow.spiff.parsing import BpmnProblem

GOOD = (WORKFLOWS / "office_meeting.bpmn").read_text(encoding="utf-8")


@pytest.fixture
def workdir(tmp_path) -> Path:
    shutil.copytree(WORKFLOWS / "forms", tmp_path / "forms")
    return tmp_path


def write(workdir: Path, name: str, text: str) -> Path:
    path = workdir / name
    path.write_text(text, encoding="utf-8")
    return path


def deploy_files(db, paths, clock):
    with db.write_session() as session:
        sources, forms = deploy.read_bpmn_files(paths)
        result = deploy.deploy(session, sources, forms, "tester", clock.now())
        session.commit()
        return result


def spec_count(db) -> int:
    with db.read_session() as session:
        return session.scalar(select(func.count(WorkflowSpec.id)))


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_unchanged_files_deploy_as_the_same_version(db, clock, workdir):
    path = write(workdir, "office_meeting.bpmn", GOOD)
    first = deploy_files(db, [path], clock)
    again = deploy_files(db, [path], clock)
    assert [(d.version, d.new) for d in again] == [(first[0].version, False)]


def test_a_changed_file_is_a_new_version(db, clock, workdir):
    before = deploy_files(db, [write(workdir, "office_meeting.bpmn", GOOD)], clock)[0].version
    changed = GOOD.replace('name="拟定会议方案"', 'name="拟定办公室会议方案"')
    after = deploy_files(db, [write(workdir, "office_meeting.bpmn", changed)], clock)
    assert [(d.version, d.new) for d in after] == [(before + 1, True)]


def test_malformed_xml_names_file_and_line(db, clock, workdir):
    broken = GOOD.replace("</bpmn:userTask>", "</bpmn:usertask>", 1)
    path = write(workdir, "broken.bpmn", broken)
    before = spec_count(db)
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [write(workdir, "ok.bpmn", GOOD.replace("office_meeting", "om2")), path], clock)
    assert problem.value.file == "broken.bpmn"
    assert problem.value.line == line_of(broken, "</bpmn:usertask>")
    assert "well-formed" in problem.value.message
    assert spec_count(db) == before


def test_schema_violation_names_file_and_line(db, clock, workdir):
    bad = GOOD.replace('<bpmn:startEvent id="start"', '<bpmn:startEvent id="start" bogus="1"', 1)
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [write(workdir, "xsd.bpmn", bad)], clock)
    assert (problem.value.file, problem.value.line) == ("xsd.bpmn", line_of(bad, 'bogus="1"'))
    assert "bogus" in problem.value.message


def test_a_task_in_a_lane_that_is_no_role_goes_to_the_office_with_a_warning(db, clock, workdir):
    unmapped = GOOD.replace('name="office_director"', 'name="director"', 1)
    (done,) = deploy_files(db, [write(workdir, "lane.bpmn", unmapped)], clock)
    (warning,) = done.warnings
    line = line_of(unmapped, '<bpmn:userTask id="decide_meeting"')
    assert warning.startswith(f"lane.bpmn:{line}: task decide_meeting: lane 'director' is not a role")
    assert warning.endswith("it goes to office, the default")


def test_missing_form_names_the_task(db, clock, workdir):
    bad = GOOD.replace('value="office_meeting_decision"', 'value="no_such_form"')
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [write(workdir, "form.bpmn", bad)], clock)
    assert problem.value.line == line_of(bad, '<bpmn:userTask id="decide_meeting"')
    assert "no_such_form" in problem.value.message


def test_uncompilable_assignee_expression_is_refused(db, clock, workdir):
    bad = GOOD.replace('name="assignee" value="chair"', 'name="assignee" value="chair["')
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [write(workdir, "expr.bpmn", bad)], clock)
    assert "sign_minutes" in problem.value.message and "assignee" in problem.value.message


def test_sandbox_escape_in_a_property_is_refused_at_deploy(db, clock, workdir):
    bad = GOOD.replace('name="assignee" value="chair"', 'name="assignee" value="().__class__"')
    with pytest.raises(BpmnProblem, match="sign_minutes"):
        deploy_files(db, [write(workdir, "escape.bpmn", bad)], clock)


def test_a_malformed_reminders_property_on_a_task_is_refused_at_deploy(db, clock, workdir):
    bad = GOOD.replace(
        '<spiffworkflow:property name="assignee" value="chair" />',
        '<spiffworkflow:property name="assignee" value="chair" />'
        '<spiffworkflow:property name="reminders" value="before=7; overdue_max=lots" />',
    )
    before = spec_count(db)
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [write(workdir, "nag.bpmn", bad)], clock)
    assert (problem.value.file, problem.value.line) == ("nag.bpmn", line_of(bad, '<bpmn:userTask id="sign_minutes"'))
    assert "sign_minutes" in problem.value.message and "overdue_max='lots'" in problem.value.message
    assert spec_count(db) == before


@pytest.mark.parametrize(
    ("prop", "value", "said"),
    [("reminders", "before=3; nightly=yes", "'nightly'"), ("manual_start", "never", "manual_start must be yes or no")],
)
def test_a_malformed_property_on_a_process_is_refused_at_deploy(db, clock, workdir, prop, value, said):
    head = '<bpmn:process id="office_meeting" name="办公室会议" isExecutable="true">'
    named = '<spiffworkflow:property name="title_en" value="Office meeting" />'
    bad = GOOD.replace(named, f'{named}<spiffworkflow:property name="{prop}" value="{value}" />')
    assert bad != GOOD
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [write(workdir, "nag.bpmn", bad)], clock)
    assert (problem.value.file, problem.value.line) == ("nag.bpmn", line_of(bad, head))
    assert "process office_meeting" in problem.value.message and said in problem.value.message


def test_malformed_form_json_names_file_line_and_field(db, clock, workdir):
    form = workdir / "forms" / "office_meeting_decision.json"
    text = form.read_text(encoding="utf-8").replace('"type": "choice"', '"type": "dropdown"', 1)
    form.write_text(text, encoding="utf-8")
    with pytest.raises(FormProblem) as problem:
        deploy_files(db, [write(workdir, "office_meeting.bpmn", GOOD)], clock)
    assert problem.value.file.endswith("office_meeting_decision.json")
    assert problem.value.line == line_of(text, '"name": "decision"')
    assert "decision" in problem.value.message and "type" in problem.value.message


def test_no_executable_process(db, clock, workdir):
    bad = GOOD.replace('isExecutable="true"', 'isExecutable="false"')
    with pytest.raises(BpmnProblem, match="executable"):
        deploy_files(db, [write(workdir, "idle.bpmn", bad)], clock)


def test_problem_is_blamed_on_the_file_that_has_it(db, clock, workdir):
    """Element ids such as `start` recur across files; the report must still name the right one."""
    renamed = GOOD.replace('id="office_meeting"', 'id="meeting_b"')
    renamed = renamed.replace('processRef="office_meeting"', 'processRef="meeting_b"')
    bad = renamed.replace('name="assignee" value="chair"', 'name="assignee" value="chair["')
    good = write(workdir, "a_good.bpmn", GOOD)
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [good, write(workdir, "b_bad.bpmn", bad)], clock)
    assert problem.value.file == "b_bad.bpmn"
    assert "sign_minutes" in problem.value.message


@pytest.mark.parametrize(
    ("prop", "value", "said"),
    [
        ("proxy", "maybe", "proxy must be yes or no"),
        ("close_at_due", "[1, 2]", "close_at_due must be a JSON object"),
        ("close_at_due", "{not json", "close_at_due must be a JSON object"),
    ],
)
def test_a_property_lianxi_cannot_use_is_refused_with_its_line(db, clock, workdir, prop, value, said):
    bad = GOOD.replace(
        '<spiffworkflow:property name="assignee" value="chair" />',
        '<spiffworkflow:property name="assignee" value="chair" />'
        f'<spiffworkflow:property name="{prop}" value="{value}" />',
    )
    before = spec_count(db)
    with pytest.raises(BpmnProblem) as problem:
        deploy_files(db, [write(workdir, "prop.bpmn", bad)], clock)
    assert (problem.value.file, problem.value.line) == ("prop.bpmn", line_of(bad, '<bpmn:userTask id="sign_minutes"'))
    assert "sign_minutes" in problem.value.message and said in problem.value.message
    assert spec_count(db) == before
