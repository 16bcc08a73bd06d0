"""`lianxi` refusing: docs/INTERFACE.md's exit statuses, one clear line, and nothing half done."""

from __future__ import annotations

import dataclasses
import gc
import json

import pytest

from engine.core.config import load_settings
from webui import create_app
from webui.cli import background

APPROVE = '{"decision": "approve", "chair": "office.deputy"}'


def _workflows(run) -> list:
    return json.loads(run("workflow", "list", "--all-versions", "--json").stdout)


@pytest.mark.parametrize(
    ("kind", "changes", "says"),
    [
        ("xml", {"extra": "<bpmn:task id='broken'>"}, "not well-formed XML"),
        ("xsd", {"extra": "<bpmn:notAThing id='x' />"}, "notAThing"),
        ("form", {"form": "missing_form"}, "form 'missing_form' not found"),
    ],
)
def test_deploy_of_a_bad_file_names_file_and_line_and_deploys_nothing(run, bpmn, kind, changes, says):
    before = _workflows(run)
    good = bpmn("good")
    bad = bpmn(f"bad_{kind}", pid="bad_process", **changes)
    done = run("workflow", "deploy", good, bad)
    assert done.exit_code == 1
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    file, number, problem = line.split(":", 2)
    assert file == str(bad) and int(number) > 1
    assert says in problem
    assert _workflows(run) == before  # not even the good file


def test_deploy_of_a_form_that_is_not_json(run, bpmn):
    path = bpmn("good")
    form = path.parent / "forms" / "check_form.json"
    form.write_text('{"fields": [\n  {"name": "ok",}\n]}')
    done = run("workflow", "deploy", path)
    assert done.exit_code == 1
    assert done.stderr.startswith(f"{form}:2: not valid JSON")


def test_deploy_of_a_missing_file_is_a_usage_error(run, tmp_path):
    done = run("workflow", "deploy", tmp_path / "nowhere.bpmn")
    assert done.exit_code == 2
    assert "nowhere.bpmn" in done.stderr


def _open_task(run, user: str) -> dict:
    (task,) = json.loads(run("task", "list", "--user", user, "--json").stdout)
    return task


def test_task_complete_exit_statuses(run):
    decide = _open_task(run, "office.director")["id"]
    complete = ("task", "complete")

    # The office sees the director's task but may not decide it: not permitted.
    forbidden = run(*complete, decide, "--user", "office.staff", "--data", APPROVE)
    assert forbidden.exit_code == 3, forbidden.output
    assert forbidden.stderr.startswith("error: ") and len(forbidden.stderr.splitlines()) == 1
    # A unit's liaison does not even see it, and ids reveal nothing: not found (engine.workflow.access).
    assert run(*complete, decide, "--user", "liaison.wjj", "--data", APPROVE).exit_code == 4

    assert run(*complete, "no-such-task", "--user", "office.director").exit_code == 4
    assert run(*complete, decide, "--user", "nobody", "--data", APPROVE).exit_code == 4

    invalid = run(*complete, decide, "--user", "office.director", "--data", '{"decision": "approve"}')
    assert invalid.exit_code == 6
    assert "chair: required" in invalid.stderr

    assert run(*complete, decide, "--user", "office.director", "--data", APPROVE).exit_code == 0
    again = run(*complete, decide, "--user", "office.director", "--data", APPROVE)
    assert again.exit_code == 5, again.output


@pytest.mark.parametrize("data", ["{not json", "[1, 2]", '"approve"'])
def test_task_complete_with_data_that_is_not_a_json_object(run, data):
    decide = _open_task(run, "office.director")["id"]
    done = run("task", "complete", decide, "--user", "office.director", "--data", data)
    assert done.exit_code == 6
    assert "--data" in done.stderr


def test_instance_start_refusals(run):
    assert run("instance", "start", "no_such_process", "--body", "qixing").exit_code == 4
    assert run("instance", "start", "office_meeting", "--body", "nowhere").exit_code == 4
    assert run("instance", "start", "item_supervision", "--body", "qixing").exit_code == 3  # lianxi starts it
    assert run("instance", "start", "office_meeting", "--body", "qixing", "--data", "{oops").exit_code == 6
    unchanged = json.loads(run("task", "list", "--json").stdout)
    assert "propose_meeting" not in {t["name"] for t in unchanged}


@pytest.mark.parametrize(
    ("args", "status", "says"),
    [
        (["--unit", "nowhere", "--role", "liaison"], 4, "no unit 'nowhere'"),
        (["--unit", "wjj", "--role", "chief"], 6, "role: unknown_role (roles: chief)"),
        (["--unit", "wjj", "--role", "liaison", "--password", "short"], 6, "too_short"),
    ],
)
def test_user_create_refusals(run, args, status, says):
    done = run("user", "create", "newcomer", *args)
    assert done.exit_code == status
    (line,) = done.stderr.splitlines()
    assert says in line


def test_user_create_refuses_a_taken_name(run):
    done = run("user", "create", "liaison.wjj", "--unit", "wjj", "--role", "liaison")
    assert done.exit_code == 6
    assert done.stderr == "error: invalid fields: username: taken\n"


def test_user_commands_on_an_unknown_person(run):
    assert run("user", "token", "nobody").exit_code == 4
    assert run("user", "tokens", "nobody").exit_code == 4
    assert run("user", "revoke-token", "liaison.wjj", "999").exit_code == 4
    mismatch = run("user", "password", "liaison.wjj", input="one-password\nanother-one\n")
    assert mismatch.exit_code != 0


def test_listing_refusals(run):
    assert run("unit", "list", "--body", "nowhere").exit_code == 4
    assert run("task", "list", "--user", "nobody").exit_code == 4


def test_tick_refuses_to_move_the_real_clock(run):
    done = run("tick", "--now", "2030-01-01T00:00:00+08:00")
    assert done.exit_code == 2
    assert "LIANXI_CLOCK=simulated" in done.stderr


def test_tick_refuses_to_move_simulated_time_backwards(run_simulated):
    assert run_simulated("tick", "--now", "2026-12-01T10:00:00+08:00").exit_code == 0
    back = run_simulated("tick", "--now", "2026-11-30T10:00:00+08:00")
    assert back.exit_code == 2
    assert "only moves forward" in back.stderr
    assert run_simulated("tick", "--now", "next tuesday").exit_code == 2
    assert run_simulated("tick").stdout.startswith("2026-12-01T10:00:00+08:00 ")


def _app_over(tmp_path, url: str):
    env = {"LIANXI_DATABASE_URL": url, "LIANXI_INSTANCE_DIR": str(tmp_path / "instance")}
    return create_app(load_settings(env))


def test_commands_on_an_empty_database_say_to_run_init_db(tmp_path, runner_for):
    app = _app_over(tmp_path, f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        done = runner_for(app)("task", "list")
    finally:
        app.extensions["lianxi"].db.dispose()
    assert done.exit_code == 1
    assert "no such table" in done.stderr and "lianxi init-db" in done.stderr


def test_init_db_on_an_unreachable_database_fails_in_one_line(tmp_path, runner_for):
    app = _app_over(tmp_path, "postgresql://nobody:secret@127.0.0.1:1/lianxi")
    try:
        done = runner_for(app)("init-db")
    finally:
        app.extensions["lianxi"].db.dispose()
    assert done.exit_code == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: database postgresql://nobody:***@127.0.0.1:1/lianxi: ")
    assert "secret" not in done.output


def test_init_db_refuses_a_bad_simulated_start(settings, runner_for):
    wrong = dataclasses.replace(settings, clock="simulated", simulated_start="soon")
    app = create_app(wrong)
    try:
        done = runner_for(app)("init-db")
    finally:
        app.extensions["lianxi"].db.dispose()
    assert done.exit_code == 1
    assert "LIANXI_SIMULATED_START" in done.stderr


class _FakeScheduler:
    def __init__(self):
        self.started_with, self.stopped = None, False

    def start(self, services):
        self.started_with = services
        return self.stop

    def stop(self):
        self.stopped = True


def test_serve_runs_waitress_with_the_scheduler_and_stops_it(run, app, monkeypatch):
    fake, served = _FakeScheduler(), {}
    monkeypatch.setattr(background, "background_starter", lambda: fake.start)
    monkeypatch.setattr(background.waitress, "serve", lambda wsgi, **kw: served.update(kw))
    done = run("serve", "--port", "5099")
    assert done.exit_code == 0, done.output
    assert served == {"host": "127.0.0.1", "port": 5099, "threads": 8}
    assert fake.started_with is app.extensions["lianxi"] and fake.stopped


def test_serve_sets_its_startup_aside_from_the_garbage_collector(run, monkeypatch):
    frozen = []
    monkeypatch.setattr(background.waitress, "serve", lambda wsgi, **kw: frozen.append(gc.get_freeze_count()))
    try:
        assert run("serve", "--no-scheduler").exit_code == 0
    finally:
        gc.unfreeze()  # this test process's objects go back to the collector
    assert frozen[0] > 10_000  # the app's ~200,000 objects, as a server holds them


def test_serve_without_a_scheduler_installed_warns(run, monkeypatch):
    monkeypatch.setattr(background, "entry_points", lambda **kw: [])
    monkeypatch.setattr(background.waitress, "serve", lambda wsgi, **kw: None)
    done = run("serve")
    assert done.exit_code == 0
    assert "warning: no scheduler installed" in done.stderr


def test_serve_no_scheduler_starts_none(run, monkeypatch):
    fake = _FakeScheduler()
    monkeypatch.setattr(background, "background_starter", lambda: fake.start)
    monkeypatch.setattr(background.waitress, "serve", lambda wsgi, **kw: None)
    assert run("serve", "--no-scheduler").exit_code == 0
    assert fake.started_with is None


def test_scheduler_command_needs_the_scheduler_installed(run, monkeypatch):
    monkeypatch.setattr(background, "entry_points", lambda **kw: [])
    done = run("scheduler")
    assert done.exit_code == 1
    assert "no scheduler installed" in done.stderr


def test_serve_refuses_an_outdated_schema(run, monkeypatch):
    monkeypatch.setattr(background.schema, "is_current", lambda db: False)
    done = run("serve", "--no-scheduler")
    assert done.exit_code == 1
    assert "lianxi init-db" in done.stderr


def test_serve_on_another_port_sends_links_there(run, app, monkeypatch):
    monkeypatch.setattr(background.waitress, "serve", lambda wsgi, **kw: None)
    assert run("serve", "--no-scheduler", "--port", "5077").exit_code == 0
    assert app.extensions["lianxi"].settings.base_url == "http://127.0.0.1:5077"
