"""Fixtures: a fresh app over a real database file per test, as in Flask's tutorial app.

Loading the demo body takes seconds (two dozen processes run to where the demo has them), so it
is done once per run into a template that each test copies: a SQLite file, and a PostgreSQL
database that `CREATE DATABASE … TEMPLATE` clones. Under pytest-xdist the workers share them,
whoever needs one first building it under a file lock. Passwords are hashed with the cheap
argon2id profile (`LIANXI_ARGON2_PROFILE=test`), here and in the `lianxi` processes tests start.
"""

from __future__ import annotations

import fcntl
import gc
import json
import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.routing.rules import Rule

from engine import demo
from engine.core import schema
from engine.core.clock import SHANGHAI, FixedClock
from engine.core.config import load_settings
from engine.core.db import Database
from engine.org import accounts, signin
from webui import create_app

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / "workflows"
DEMO_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)  # a Monday
PG_URL = os.environ.get("LIANXI_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
# The second body of the cross-body 404 tests, as fixtures any test may ask for.
pytest_plugins = ("other_body",)


def pytest_configure(config):
    """Cheap password hashing for the whole run: production's argon2id parameters cost ~50 ms a
    hash, and the tests sign people in hundreds of times (tests/unit/test_password_profiles.py
    holds production to its parameters)."""
    os.environ[accounts.PROFILE_VARIABLE] = "test"  # the `lianxi` processes tests start
    accounts.use_profile("test")
    _collect_garbage_less_often()


def _collect_garbage_less_often() -> None:
    """A test process holds every module, app and fixture it has built, so each of Python's full
    collections walks ~200 MB of objects (~250 ms); at the default thresholds they took ~15 % of
    a worker's time. Collections ten times rarer cost ~35 MB more at the peak."""
    gc.set_threshold(10_000, 20, 20)


def run_folder(tmp_path_factory) -> Path:
    """A folder of this test run's, shared by its xdist workers (each has a folder inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """One xdist worker at a time."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_demo_template(folder: Path) -> Path:
    path = folder / "demo-template.db"
    with locked(folder / "demo-template.lock"):
        if not path.exists():
            building = folder / f"demo-template-{uuid.uuid4().hex[:8]}.db"
            db = Database(f"sqlite:///{building}")
            schema.upgrade(db)
            demo.load(db, WORKFLOWS, DEMO_NOW)
            db.dispose()
            building.rename(path)
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtestloop(session):
    """Under pytest-xdist the controller, idle while its workers start and collect, builds the
    SQLite template meanwhile, instead of one worker building it as the others wait for it."""
    config = session.config
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        build_demo_template(config._tmp_path_factory.getbasetemp())  # the workers' run_folder
    return (yield)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    return build_demo_template(run_folder(tmp_path_factory))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(DEMO_NOW)


@pytest.fixture
def db_url(tmp_path, demo_template) -> str:
    path = tmp_path / "lianxi.db"
    shutil.copy(demo_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def settings(tmp_path, db_url):
    env = {"LIANXI_DATABASE_URL": db_url, "LIANXI_INSTANCE_DIR": str(tmp_path / "instance")}
    return load_settings(env)


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    yield database
    database.dispose()


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache, in memory, for all the apps of a test process: each test's app
    would otherwise compile every template it renders afresh, much of a page test's time. Keyed
    by template and checked against its source, as Jinja's own file cache is."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def _shared_url_builders() -> None:
    """Werkzeug compiles each URL rule's builder with `ast` and `compile()`, ~0.3 ms a rule and
    most of create_app's 40 ms, again for every test's app. The builder is a function of the
    rule's parsed parts, its defaults and `append_unknown` alone (it reaches the rule's converters
    through the `self` it is bound to), so the compiled function is shared by equal rules."""
    compile_builder = Rule._compile_builder
    compiled = {}

    def shared(self, append_unknown: bool = True):
        key = (tuple(self._trace), tuple(sorted((self.defaults or {}).items())), append_unknown)
        if key not in compiled:
            compiled[key] = compile_builder(self, append_unknown)
        return compiled[key]

    Rule._compile_builder = shared


_shared_url_builders()


@pytest.fixture
def app(settings, clock):
    app = create_app(settings, clock=clock)
    app.config["TESTING"] = True
    app.jinja_env.bytecode_cache = COMPILED_TEMPLATES
    yield app
    app.extensions["lianxi"].db.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'<meta name="csrf-token" content="([^"]+)"', html
    )
    assert found, "no CSRF token on the page"
    return found.group(1)


def sign_in(client, username: str, password: str = demo.DEMO_PASSWORD):
    """`client` signed in as `username` by the service /login calls (the password checked, the
    attempt counted, the sign-in recorded) and the session's token kept where /login's
    `login_user` keeps it. The page itself, its form and its refusals, is tests/web/auth's to
    walk: through it, a sign-in cost ~32 ms of a test, and tests sign in ~800 times a run."""
    lianxi = client.application.extensions["lianxi"]
    _person, token = signin.sign_in(lianxi.db, username, password, "127.0.0.1", lianxi.clock.now())
    with client.session_transaction() as session:
        language = session.get("lang")
        session.clear()  # as /login: nothing carried over but the chosen language
        if language:
            session["lang"] = language
        session["_user_id"], session["_fresh"] = token, True
    return client


@pytest.fixture
def signed_in(app):
    """signed_in("liaison.wjj") → a test client signed in as that demo user."""
    return lambda username: sign_in(app.test_client(), username)


@pytest.fixture
def pg_url(request):
    """A throwaway schema on the local PostgreSQL. Fails, never skips, when it is unreachable:
    the PostgreSQL promises are tested for real. In a test that also asks for `pg_demo`, it is
    where that demo is."""
    if "pg_demo" in request.fixturenames:
        yield request.getfixturevalue("pg_demo_url")
        return
    name = f"lx_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {name}"))
    yield f"{PG_URL}?options=-csearch_path%3D{name}"
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {name} CASCADE"))
    admin.dispose()


def pg_admin():
    """For CREATE and DROP DATABASE, which run outside a transaction."""
    return create_engine(make_url(PG_URL).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")


def pg_database_url(name: str) -> str:
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def pg_execute(*statements: str) -> None:
    admin = pg_admin()
    try:
        with admin.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def pg_demo_template(tmp_path_factory) -> Iterator[str]:
    """A PostgreSQL database holding the migrated demo, built once per run and shared by the
    xdist workers; nobody connects to it, so that it can be cloned. The last worker out drops it."""
    folder, me = run_folder(tmp_path_factory), os.environ.get("PYTEST_XDIST_WORKER", "main")
    state, lock = folder / "pg-template.json", folder / "pg-template.lock"
    with locked(lock):
        kept = json.loads(state.read_text()) if state.exists() else {"name": None, "users": []}
        if kept["name"] is None:
            name = f"lx_template_{uuid.uuid4().hex[:10]}"
            pg_execute(f"CREATE DATABASE {name}")
            db = Database(pg_database_url(name))
            try:
                schema.upgrade(db)
                demo.load(db, WORKFLOWS, DEMO_NOW)
            except BaseException:
                db.dispose()
                pg_execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                raise
            db.dispose()
            kept["name"] = name
        kept["users"].append(me)
        state.write_text(json.dumps(kept))
    yield kept["name"]
    with locked(lock):
        kept = json.loads(state.read_text())
        kept["users"].remove(me)
        if kept["users"]:
            state.write_text(json.dumps(kept))
        else:
            pg_execute(f"DROP DATABASE IF EXISTS {kept['name']} WITH (FORCE)")
            state.unlink()


@pytest.fixture
def pg_demo_url(pg_demo_template) -> Iterator[str]:
    """A database of the test's own on the local PostgreSQL, a copy of the demo's template."""
    name = f"lx_{uuid.uuid4().hex[:12]}"
    pg_execute(f"CREATE DATABASE {name} TEMPLATE {pg_demo_template}")
    yield pg_database_url(name)
    pg_execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_demo(pg_demo_url):
    db = Database(pg_demo_url)
    yield db
    db.dispose()


@pytest.fixture
def records(app, clock):
    """One record of each kind in the demo body, another body beside it (tests/web/route_records.py):
    the route walks' (tests/web) and the phone's (tests/browser)."""
    from tests.web.route_records import demo_records

    with app.extensions["lianxi"].db.read_session() as read:
        return demo_records(app, clock, read)
