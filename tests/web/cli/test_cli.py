"""`lianxi` doing its job: the commands of docs/INTERFACE.md over the demo body."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from engine.core.models import SimulatedTime
from engine.demo import DEMO_PASSWORD
from tests.conftest import WORKFLOWS, sign_in
from webui import create_app

TASK_KEYS = {
    "id",
    "instance_id",
    "process_id",
    "name",
    "title",
    "lane",
    "unit",
    "assignee",
    "due_at",
    "status",
}
APPROVE = '{"decision": "approve", "chair": "office.deputy"}'


def lianxi_script() -> str:
    return shutil.which("lianxi") or str(Path(sys.executable).parent / "lianxi")


def installed_script(test):  # noqa: ANN001, ANN201
    """A test of the installed console script: it starts real `lianxi` processes (slow: `make
    check` leaves it out), on the xdist worker the others run on, so over one installation."""
    return pytest.mark.slow(pytest.mark.xdist_group("installed")(test))


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh installation made by the real console script: env, cwd and init-db's output."""
    home = tmp_path_factory.mktemp("installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIANXI_", "FLASK_"))}
    env |= {
        "LIANXI_DATABASE_URL": f"sqlite:///{home / 'lianxi.db'}",
        "LIANXI_INSTANCE_DIR": str(home / "instance"),
        "LIANXI_ARGON2_PROFILE": "test",  # the suite's cheap hashing (tests/conftest.py)
        "PYTHONWARNINGS": "error",
    }
    done = _script(["init-db", "--demo"], env, home)
    return env, home, done


def _script(args: list[str], env: dict, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([lianxi_script(), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


@installed_script
def test_console_script_init_db_demo_prints_logins(installed):
    _env, _home, done = installed
    assert done.returncode == 0, done.stderr
    assert "演示账号 / demo logins:" in done.stdout
    assert "office.director" in done.stdout and "liaison.wjj" in done.stdout
    assert DEMO_PASSWORD in done.stdout


@installed_script
def test_console_script_task_list_json(installed):
    env, home, _done = installed
    done = _script(["task", "list", "--json"], env, home)
    assert done.returncode == 0, done.stderr
    tasks = json.loads(done.stdout)
    assert isinstance(tasks, list) and tasks
    assert all(task.keys() >= TASK_KEYS and task["status"] == "open" for task in tasks)
    assert "decide_meeting" in {task["name"] for task in tasks}


@installed_script
def test_console_script_scheduler_runs_until_sigterm(installed):
    env, home, _done = installed
    log = home / "scheduler.log"
    with (
        log.open("w") as out,
        subprocess.Popen(
            [lianxi_script(), "scheduler"], env=env, cwd=home, stdout=out, stderr=subprocess.STDOUT
        ) as process,
    ):
        try:
            _wait_for(lambda: "scheduler pass" in log.read_text(), seconds=30)
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=30) == 0
        finally:
            process.kill()  # a failed wait must not leave CI waiting on a scheduler forever
    assert "scheduler stopped" in log.read_text()


def _wait_for(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_scheduler_entry_point_is_installed():
    (found,) = entry_points(group="lianxi.background", name="scheduler")
    assert found.value == "notifications.scheduler:start"


def test_init_db_again_changes_nothing(run):
    first = run("init-db", "--demo")
    assert first.exit_code == 0, first.output
    assert "演示账号 / demo logins: convener, office.director" in first.stdout
    deployed = json.loads(run("workflow", "list", "--json").stdout)
    assert sorted(d["process_id"] for d in deployed) == [
        "action_plan",
        "annual_summary",
        "bulletin",
        "full_meeting",
        "government_referral",
        "government_request",
        "information_request",
        "item_supervision",
        "joint_document",
        "joint_inspection",
        "major_event",
        "office_meeting",
        "plan_deliverable",
        "plan_indicator_report",
        "research",
        "special_meeting",
    ]
    assert {d["version"] for d in deployed} == {1}


def test_init_db_starts_simulated_time_once(settings, runner_for):
    start = "2027-01-04T09:00:00+08:00"
    app = create_app(dataclasses.replace(settings, clock="simulated", simulated_start=start))
    try:
        run = runner_for(app)
        assert run("init-db").exit_code == 0
        assert run("tick", "--now", "2027-01-05T09:00:00+08:00").exit_code == 0
        assert run("init-db").exit_code == 0  # does not move the time back to the start
        with app.extensions["lianxi"].db.read_session() as session:
            assert session.get(SimulatedTime, 1).now.isoformat() == "2027-01-05T09:00:00+08:00"
    finally:
        app.extensions["lianxi"].db.dispose()


def test_deploy_twice_is_idempotent_and_a_change_is_a_new_version(run, tmp_path):
    again = run("workflow", "deploy", WORKFLOWS / "office_meeting.bpmn")
    assert again.exit_code == 0, again.output
    assert again.stdout.split() == ["office_meeting", "v1", "unchanged"]

    changed = tmp_path / "office_meeting.bpmn"
    shutil.copytree(WORKFLOWS / "forms", tmp_path / "forms")
    source = (WORKFLOWS / "office_meeting.bpmn").read_text(encoding="utf-8")
    changed.write_text(source.replace('name="办公室会议" isExecutable', 'name="办公室会议（新）" isExecutable'))
    assert run("workflow", "deploy", changed).stdout.split() == ["office_meeting", "v2", "new"]
    assert run("workflow", "deploy", changed).stdout.split() == [
        "office_meeting",
        "v2",
        "unchanged",
    ]

    latest = [w for w in json.loads(run("workflow", "list", "--json").stdout) if w["process_id"] == "office_meeting"]
    assert [(w["version"], w["name"]) for w in latest] == [(2, "办公室会议（新）")]
    assert len(latest[0]["content_hash"]) == 64
    every = json.loads(run("workflow", "list", "--all-versions", "--json").stdout)
    assert [w["version"] for w in every if w["process_id"] == "office_meeting"] == [1, 2]
    assert "office_meeting" in run("workflow", "list").stdout


def test_deploy_a_new_process(run, bpmn):
    done = run("workflow", "deploy", bpmn("check"))
    assert done.exit_code == 0, done.output
    assert done.stdout.split() == ["check_process", "v1", "new"]


def test_user_create_token_and_the_token_opens_the_api(run, app):
    created = run(
        "user", "create", "deputy.director", "--unit", "wjj", "--role", "office_director",
        "--password", "a-long-password", "--display-name", "副主任", "--email", "d@example.org",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    issued = run("user", "token", "deputy.director")
    assert issued.exit_code == 0, issued.output
    token = issued.stdout.strip()
    assert issued.stdout == token + "\n" and token.startswith("lx_")

    client = app.test_client()
    answer = client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    assert "decide_meeting" in {task["name"] for task in answer.json["tasks"]}

    (token_id,) = [line.split()[0] for line in run("user", "tokens", "deputy.director").stdout.splitlines()[1:]]
    assert run("user", "revoke-token", "deputy.director", token_id).exit_code == 0
    refused = client.get("/api/v1/tasks", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401


def test_user_create_without_a_terminal_leaves_no_password(run):
    done = run("user", "create", "liaison2.wjj", "--unit", "wjj", "--role", "backup_liaison")
    assert done.exit_code == 0, done.output
    assert "user password liaison2.wjj" in done.stderr
    units = json.loads(run("unit", "list", "--json").stdout)
    wjj = next(u for u in units if u["code"] == "wjj")
    assert [p["username"] for p in wjj["liaisons"]] == ["liaison.wjj", "liaison2.wjj"]


def test_user_password_prompts_twice_and_the_new_one_signs_in(run, app):
    done = run("user", "password", "liaison.wjj", input="new-password-1\nnew-password-1\n")
    assert done.exit_code == 0, done.output
    sign_in(app.test_client(), "liaison.wjj", "new-password-1")


def test_user_password_ends_the_persons_web_sessions(run, app):
    browser = sign_in(app.test_client(), "liaison.wjj")
    other = sign_in(app.test_client(), "liaison.rsj")
    assert browser.get("/").status_code == 200

    done = run("user", "password", "liaison.wjj", input="new-password-1\nnew-password-1\n")
    assert done.exit_code == 0, done.output

    replay = browser.get("/")
    assert replay.status_code == 302 and replay.headers["Location"].startswith("/login")
    assert other.get("/").status_code == 200  # only that person's sessions end


def test_unit_list_json_has_the_22_units_with_their_liaisons(run):
    done = run("unit", "list", "--body", "qixing", "--json")
    assert done.exit_code == 0, done.output
    units = json.loads(done.stdout)
    assert len(units) == 22
    assert {u["body"] for u in units} == {"qixing"}
    everyone = json.loads(run("unit", "list", "--json").stdout)  # the demo's city body too
    assert {u["body"] for u in everyone} == {"qixing", "guilin"} and len(everyone) == 33
    assert all([p["username"] for p in u["liaisons"]] == [f"liaison.{u['code']}"] for u in units)
    assert units[0]["code"] == "wjj" and units[0]["name"] == "区卫生健康局"


def test_unit_list_table(run):
    done = run("unit", "list", "--body", "qixing")
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "body", "liaisons"]
    assert lines[1].split() == ["wjj", "区卫生健康局", "qixing", "liaison.wjj"]
    assert len(lines) == 23


def test_unit_liaison_moves_the_unit_to_new_people(run):
    assert (
        run("user", "create", "zhang.wjj", "--unit", "wjj", "--role", "member", "--password", "x" * 12).exit_code == 0
    )
    done = run("unit", "liaison", "wjj", "--primary", "zhang.wjj", "--backup", "liaison.wjj", "--body", "qixing")
    assert done.exit_code == 0, done.output
    units = json.loads(run("unit", "list", "--body", "qixing", "--json").stdout)
    assert [p["username"] for p in units[0]["liaisons"]] == ["zhang.wjj", "liaison.wjj"]
    refused = run("unit", "liaison", "wjj", "--primary", "liaison.xcb", "--body", "qixing")
    assert refused.exit_code == 6 and "liaison.xcb 不是区卫生健康局的在职人员" in refused.output


def test_instance_start(run):
    data = '{"title": "研究部署年度工作要点"}'
    several = run("instance", "start", "office_meeting", "--data", data)  # the demo has two bodies
    assert several.exit_code == 2 and "give --body CODE" in several.stderr
    started = run("instance", "start", "office_meeting", "--body", "qixing", "--data", data, "--json")
    assert started.exit_code == 0, started.output
    instance = json.loads(started.stdout)
    assert instance["process_id"] == "office_meeting" and instance["status"] == "running"
    assert instance["title"] == "研究部署年度工作要点"
    (task,) = instance["open_tasks"]
    assert task.keys() >= TASK_KEYS and task["name"] == "propose_meeting"

    plain = run("instance", "start", "office_meeting", "--body", "qixing")
    assert plain.exit_code == 0, plain.output
    assert int(plain.stdout) == instance["id"] + 1


def test_task_list_for_a_person_and_with_closed_ones(run):
    mine = json.loads(run("task", "list", "--user", "office.director", "--json").stdout)
    assert [t["name"] for t in mine] == ["decide_meeting"]
    zgh = json.loads(run("task", "list", "--user", "liaison.zgh", "--json").stdout)
    # its receipt, its co-signature, and its part in a decided item of the held meeting (rsj leads)
    assert sorted((t["name"], t["unit"]) for t in zgh) == [
        ("contribute", "zgh"),
        ("cosign_minutes", "zgh"),
        ("receive_minutes", "zgh"),
    ]

    held = next(t for t in zgh if t["name"] == "receive_minutes")["instance_id"]
    closed = json.loads(run("task", "list", "--instance", held, "--all", "--json").stdout)
    assert {"completed", "open"} <= {t["status"] for t in closed}
    open_only = json.loads(run("task", "list", "--instance", held, "--json").stdout)
    assert {t["status"] for t in open_only} == {"open"} and len(open_only) < len(closed)

    table = run("task", "list", "--user", "office.director").stdout.splitlines()
    assert table[0].split() == ["id", "instance", "title", "assignee", "due", "status"]
    assert "审定会议" in table[1] and table[1].endswith("open")


def test_task_complete(run):
    (decide,) = json.loads(run("task", "list", "--user", "office.director", "--json").stdout)
    done = run("task", "complete", decide["id"], "--user", "office.director", "--data", APPROVE)
    assert done.exit_code == 0, done.output
    assert decide["id"] in done.stdout
    assert run("task", "list", "--user", "office.director", "--json").stdout.strip() == "[]"


def test_task_complete_on_behalf_of_a_unit(run):
    owed = json.loads(run("task", "list", "--user", "liaison.zgh", "--json").stdout)
    receipt = next(t for t in owed if t["name"] == "receive_minutes")
    done = run(
        "task", "complete", receipt["id"], "--user", "office.staff",
        "--data", '{"acknowledged": true}', "--on-behalf-reason", "联络员出差，电话确认",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    closed = json.loads(run("task", "list", "--instance", receipt["instance_id"], "--all", "--json").stdout)
    mine = next(t for t in closed if t["id"] == receipt["id"])
    assert mine["completed_by"] == "office.staff" and mine["on_behalf_reason"]


def test_tick_under_simulated_time_fires_the_meeting_timer(run_simulated):
    run = run_simulated
    assert run("tick", "--now", "2026-11-23T10:00:00+08:00").exit_code == 0
    (decide,) = json.loads(run("task", "list", "--user", "office.director", "--json").stdout)
    approve = ("task", "complete", decide["id"], "--user", "office.director", "--data", APPROVE)
    assert run(*approve).exit_code == 0

    # The demo's meeting is on the morning of 2026-11-30.
    before = run("tick", "--now", "2026-11-30T08:00:00+08:00")
    assert (
        before.stdout.startswith("2026-11-30T08:00:00+08:00 timers fired on 0 instance(s); ")
        and "reminder message(s) planned" in before.stdout
    )
    meeting = run("tick", "--now", "2026-11-30T18:00:00+08:00")
    assert meeting.exit_code == 0, meeting.output
    assert (
        meeting.stdout.startswith("2026-11-30T18:00:00+08:00 timers fired on 1 instance(s); ")
        and "reminder message(s) planned" in meeting.stdout
    )
    tasks = json.loads(run("task", "list", "--instance", decide["instance_id"], "--json").stdout)
    assert [t["name"] for t in tasks] == ["record_minutes"]

    again = run("tick")
    assert (
        again.stdout.startswith("2026-11-30T18:00:00+08:00 timers fired on 0 instance(s); ")
        and "reminder message(s) planned" in again.stdout
    )


def test_tick_with_the_real_clock_runs_a_pass_now(run, app):
    done = run("tick")
    assert done.exit_code == 0, done.output
    assert (
        done.stdout.startswith("2026-11-23T10:00:00+08:00 timers fired on 0 instance(s); ")
        and "reminder message(s) planned" in done.stdout
    )
