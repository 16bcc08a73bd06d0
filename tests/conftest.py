"""Fixtures: a fresh app over a real database file per test, as in Flask's tutorial app.

Loading the demo body hashes two dozen passwords with argon2id, so it is done once per run into
a template file that each test copies.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from engine import demo
from engine.core import schema
from engine.core.clock import SHANGHAI, FixedClock
from engine.core.config import load_settings
from engine.core.db import Database
from webui import create_app

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / "workflows"
DEMO_NOW = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)  # a Monday
PG_URL = os.environ.get("LIANXI_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
# The second body of the cross-body 404 tests, as fixtures any test may ask for.
pytest_plugins = ("other_body",)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.db"
    db = Database(f"sqlite:///{path}")
    schema.upgrade(db)
    demo.load(db, WORKFLOWS, DEMO_NOW)
    db.dispose()
    return path


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


@pytest.fixture
def app(settings, clock):
    app = create_app(settings, clock=clock)
    app.config["TESTING"] = True
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
    page = client.get("/login")
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_token(page.text)},
    )
    assert response.status_code == 302, response.text
    return client


@pytest.fixture
def signed_in(app):
    """signed_in("liaison.wjj") → a test client signed in as that demo user."""
    return lambda username: sign_in(app.test_client(), username)


@pytest.fixture
def pg_url():
    """A throwaway schema on the local PostgreSQL. Fails, never skips, when it is unreachable:
    the PostgreSQL promises are tested for real."""
    name = f"lx_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {name}"))
    yield f"{PG_URL}?options=-csearch_path%3D{name}"
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {name} CASCADE"))
    admin.dispose()


@pytest.fixture
def pg_demo(pg_url):
    db = Database(pg_url)
    schema.upgrade(db)
    demo.load(db, WORKFLOWS, DEMO_NOW)
    yield db
    db.dispose()
