"""`lianxi plan validate FILE` and `lianxi plan schedule FILE [--json]` (docs/INTERFACE.md): plan files
read without an app, so an unusable database setting does not matter to them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from webui.cli.main import cli

PLANS = Path(__file__).parents[3] / "plans"
HENAN = PLANS / "henan_2024_three_actions.yaml"
BAD = """\
code: bad
title: 坏方案
issuing_body: 某局
start: 2024-07-01
end: 2024-12-31
units:
  - {code: a, name: 甲}
phases:
  - {code: p, title: 动员, kind: launch, start: 2024-07-01, end: 2024-07-31}
deliverables:
  - code: d
    title: 报告
    phase: p
    submitter: all
    rule: {kind: yearly, month: 13, day: 30, text: 每年}
"""


@pytest.fixture
def run(monkeypatch):
    # A database URL no app could be built on: these commands must not need one.
    monkeypatch.setenv("LIANXI_DATABASE_URL", "bogus://")
    monkeypatch.setenv("FLASK_SKIP_DOTENV", "1")
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, [str(a) for a in args])


def test_validate_accepts_the_shipped_plans_with_a_one_line_summary(run):
    for path in sorted(PLANS.glob("*.yaml")):
        result = run("plan", "validate", path)
        assert result.exit_code == 0, result.output
        assert result.stdout.count("\n") == 1 and ": ok — " in result.stdout


def test_validate_refuses_a_malformed_plan_naming_every_line_and_field(run, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    result = run("plan", "validate", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:9: phases[0].kind: 'launch' is not one of ['mobilize', 'implement', 'evaluate', 'other']",
        f"{path}:15: deliverables[0].rule.month: 13 is greater than the maximum of 12",
    ]


def test_validate_names_a_missing_file(run, tmp_path):
    result = run("plan", "validate", tmp_path / "none.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / 'none.yaml'}: (file): cannot be read")


def test_schedule_json_lists_every_deadline(run):
    result = run("plan", "schedule", HENAN, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert all(row.keys() == {"deliverable", "title", "phase", "units", "due", "rule", "to", "task"} for row in rows)
    assert rows[0] == {
        "deliverable": "a1.database",
        "title": "将“数据库”反馈至省卫生健康委职业健康处",
        "phase": "a1.all",
        "units": ["hn_sy"],
        "due": "2024-07-10",
        "rule": "7月10日前",
        "to": "hn_wjw",  # 反馈至省卫生健康委职业健康处
        "task": "submit_deliverable",
    }
    assert [r["due"] for r in rows if r["deliverable"] == "a2.assistance_list"] == ["2024-07-30", "2025-07-30"]
    assert [r["deliverable"] for r in rows if r["due"] is None] == ["a1.clue_check", "a3.confirmed_list_2025"]


def test_schedule_as_a_table(run):
    result = run("plan", "schedule", HENAN)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["due", "deliverable", "phase", "units", "to", "rule"]
    assert lines[1].split() == ["2024-07-10", "a1.database", "a1.all", "hn_sy", "hn_wjw", "7月10日前"]


def test_schedule_of_a_malformed_plan_prints_nothing_but_the_faults(run, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    result = run("plan", "schedule", path, "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}:9: phases[0].kind" in result.stderr
