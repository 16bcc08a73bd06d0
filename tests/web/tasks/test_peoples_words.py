"""Every task page of every workflow, in Chinese and in English, reads in people's words: no
variable name, no unit code, no Python repr, and no English on the Chinese page.

The demo is walked once per module (tests/task_states.py) until every user task of
workflows/*.bpmn has appeared; each one's page is then read by the office director, and while
it is open by the person who owes it (who sees the form). The city body's work in progress is
read the same way, by its own people, with its own unit codes as the words not to show."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import COMPILED_TEMPLATES, DEMO_NOW, WORKFLOWS, locked, run_folder, sign_in
from sqlalchemy import select
from task_states import build
from words import Words, raw_words, visible_text

from engine.core.clock import FixedClock
from engine.core.config import load_settings
from engine.core.db import Database
from engine.org.models import Body, Person, Unit
from engine.workflow.models import HumanTask
from webui import create_app

# Who owes a task addressed to a role, among the demo's people.
ROLE_HOLDERS = {
    "office": "office.staff",
    "office_staff": "office.staff",
    "office_director": "office.director",
    "convener": "convener",
    "mediator": "convener",
}


def walked_template(tmp_path_factory, demo_template) -> Path:
    """The demo walked until every user task has appeared, once per run: built by the first
    worker that needs it, as the demo template is, since a worker may set this module's
    fixtures up more than once when other modules run between its tests."""
    folder = run_folder(tmp_path_factory)
    path = folder / "words-template.db"
    with locked(folder / "words-template.lock"):
        if not path.exists():
            building = folder / "words-building.db"
            shutil.copy(demo_template, building)
            env = {"LIANXI_DATABASE_URL": f"sqlite:///{building}", "LIANXI_INSTANCE_DIR": str(folder / "words")}
            settings = load_settings(env)
            database = Database(settings.database_url)
            build(database, settings, DEMO_NOW)
            database.dispose()
            building.rename(path)
    return path


@pytest.fixture(scope="session")
def app(tmp_path_factory, demo_template):
    folder = tmp_path_factory.mktemp("words")
    shutil.copy(walked_template(tmp_path_factory, demo_template), folder / "lianxi.db")
    env = {"LIANXI_DATABASE_URL": f"sqlite:///{folder / 'lianxi.db'}", "LIANXI_INSTANCE_DIR": str(folder / "i")}
    app = create_app(load_settings(env), clock=FixedClock(DEMO_NOW))
    app.config["TESTING"] = True
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    yield app
    app.extensions["lianxi"].db.dispose()


# The walked demo is built once: the module's tests share a worker under `--dist loadgroup`, and
# its fixtures last the worker's session, since that worker may run other modules in between.
pytestmark = pytest.mark.xdist_group("peoples-words")
# Each demo body, with what its user names start with (engine/demo/city.py).
BODIES = {"qixing": "", "guilin": "gl."}


@pytest.fixture(scope="session")
def body(app):
    return tasks_of(app, "qixing")


def tasks_of(app, code: str) -> tuple[Words, list[HumanTask]]:
    """What a page must not show of the body, and one of its tasks of each (process, step, status)."""
    with app.extensions["lianxi"].db.read_session() as session:
        body = session.scalar(select(Body).where(Body.code == code))
        codes = set(session.scalars(select(Unit.code).where(Unit.body_id == body.id)))
        usernames = set(session.scalars(select(Person.username).where(Person.body_id == body.id)))
        chosen, keys = {}, set()
        for task in session.scalars(select(HumanTask).where(HumanTask.body_id == body.id).order_by(HumanTask.id)):
            chosen.setdefault((task.process_id, task.name, task.status), task)
            keys |= set(task.shown)
        session.expunge_all()
    return Words(codes, usernames, keys | form_fields()), list(chosen.values())


def form_fields() -> set[str]:
    forms = (json.loads(path.read_text(encoding="utf-8")) for path in (Path(WORKFLOWS) / "forms").glob("*.json"))
    return {spec["name"] for form in forms for spec in form["fields"]}


def bpmn_user_tasks() -> set[tuple[str, str]]:
    found = set()
    for path in Path(WORKFLOWS).glob("*.bpmn"):
        text = path.read_text(encoding="utf-8")
        process = re.search(r'<bpmn:process id="([^"]+)"', text).group(1)
        found |= {(process, name) for name in re.findall(r'<bpmn:userTask id="([^"]+)"', text)}
    return found


def test_every_user_task_of_every_workflow_is_read(body):
    _words, tasks = body
    assert {(t.process_id, t.name) for t in tasks} == bpmn_user_tasks()


def owner(task: HumanTask, prefix: str) -> str | None:
    if task.status != "open":
        return None
    if task.assignee_kind == "unit":
        return f"{prefix}liaison.{task.assignee.removeprefix(prefix)}"
    if task.assignee_kind == "person":
        return task.assignee
    return prefix + ROLE_HOLDERS[task.assignee]


def readers(task: HumanTask, prefix: str = "") -> list[str]:
    return [f"{prefix}office.director", *filter(None, [owner(task, prefix)])]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_task_page_reads_in_peoples_words(app, body, language):
    known, tasks = body
    assert unread(app, known, tasks, language) == {}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_city_bodys_task_pages_read_in_peoples_words(app, language):
    known, tasks = tasks_of(app, "guilin")
    assert tasks, "the city's demo has work in progress"
    assert unread(app, known, tasks, language, BODIES["guilin"]) == {}


def unread(app, known: Words, tasks: list[HumanTask], language: str, prefix: str = "") -> dict[str, list[str]]:
    """Each task page (as each of its readers sees it) that shows raw words, with the words."""
    clients, refused = {}, {}
    for task in tasks:
        for username in readers(task, prefix):
            if username not in clients:
                clients[username] = sign_in(app.test_client(), username)
            page = clients[username].get(f"/tasks/{task.id}?lang={language}")
            assert page.status_code == 200, (task.process_id, task.name, username)
            words = raw_words(visible_text(page.text), known, language == "zh_CN")
            if words:
                refused[f"{task.process_id}/{task.name}/{task.status} ({username})"] = sorted(words)
    return refused
