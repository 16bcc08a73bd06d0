"""`lianxi workflow deploy` takes the .dmn files a process decides by among its files, and says
which deployed version each call activity of a process it deploys was resolved to."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_decision_tables_deploy_beside_their_process_and_callers_name_the_callee_version(run):
    routed = run(
        "workflow", "deploy", FIXTURES / "dmn" / "matter_routing.bpmn", FIXTURES / "dmn" / "units_for_matter.dmn"
    )
    assert (routed.exit_code, routed.stdout) == (0, "matter_routing  v1  new\n"), routed.output
    assert run("workflow", "deploy", FIXTURES / "calls" / "collect_figures.bpmn").exit_code == 0
    caller = run("workflow", "deploy", FIXTURES / "calls" / "annual_report.bpmn")
    assert (caller.exit_code, caller.stdout) == (0, "annual_report  v1  new  calls collect_figures v1\n"), caller.output
