"""Per-app services and per-request state: one read session and one "now" per request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Flask, current_app, g
from flask_login import current_user
from sqlalchemy.orm import Session

from engine.core.clock import Clock
from engine.core.config import Settings
from engine.core.db import Database
from engine.core.uow import UnitOfWork
from engine.org import queries as roster
from engine.org.models import Person


@dataclass
class Lianxi:
    settings: Settings
    db: Database
    clock: Clock


def lianxi() -> Lianxi:
    return current_app.extensions["lianxi"]


def db_session() -> Session:
    """The request's read session; writes go through `unit_of_work()`."""
    if "db" not in g:
        g.db = lianxi().db.read_session()
    return g.db


def unit_of_work() -> UnitOfWork:
    return UnitOfWork(lianxi().db)


def now() -> datetime:
    """One instant per request, so everything a request decides agrees on the time."""
    if "now" not in g:
        g.now = lianxi().clock.now()
    return g.now


def person() -> Person:
    return current_user.person


def person_in(uow: UnitOfWork) -> Person:
    """The signed-in person, loaded in a write transaction so services can change them."""
    return roster.person(uow.session, current_user.person.id)


def init_app(app: Flask) -> None:
    @app.teardown_appcontext
    def _close(_exc):  # noqa: ANN001
        session = g.pop("db", None)
        if session is not None:
            session.close()
