"""Moving a workflow to a new version while a step several units owe is part-way through
(engine.workflow.spiff.migration): the answers given stay, each unit's task still knows its
unit, and the new version's next step follows."""

from __future__ import annotations

from pathlib import Path

from SpiffWorkflow.util.task import TaskState

from engine.workflow.spiff import migration, runtime
from engine.workflow.spiff.parsing import parse_sources

SOURCE = (Path(__file__).resolve().parents[1] / "fixtures" / "unit_report.bpmn").read_text(encoding="utf-8")
TO_END = '<bpmn:sequenceFlow id="to_end" sourceRef="submit_report" targetRef="end"/>'
WITH_SUMMARY = SOURCE.replace(
    TO_END,
    '<bpmn:sequenceFlow id="to_summary" sourceRef="submit_report" targetRef="summarise"/>'
    '<bpmn:userTask id="summarise" name="汇总"/>'
    '<bpmn:sequenceFlow id="to_end" sourceRef="summarise" targetRef="end"/>',
)


def answer(task) -> None:
    task.data["report"] = {"text": task.data["reporter"]["code"]}
    task.run()


def test_a_step_part_way_through_moves_with_its_answers_and_the_new_next_step():
    old, new = parse_sources({"r.bpmn": SOURCE})["unit_report"], parse_sources({"r.bpmn": WITH_SUMMARY})["unit_report"]
    units = {code: {"code": code} for code in ("wjj", "rsj", "zgh")}
    workflow = runtime.new_workflow(old, {"units": units, "deadline": "2026-12-20"})
    workflow.do_engine_steps()
    answer(workflow.get_tasks(state=TaskState.READY, manual=True)[0])
    assert migration.unfit_waiting(workflow, new) == []
    migration.move(workflow, new)
    assert migration.strays(workflow, new) == []
    workflow = runtime.load(new, runtime.dump(workflow))
    for task in workflow.get_tasks(state=TaskState.READY, manual=True):
        answer(task)
    workflow.do_engine_steps()
    (summary,) = workflow.get_tasks(state=TaskState.READY, manual=True)
    assert summary.task_spec.bpmn_id == "summarise"
    assert summary.data["reports"] == {code: {"text": code} for code in units}
