"""The web application: the inbox, task pages and the JSON API over the engine's services."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from engine.clock import Clock, RealClock
from engine.config import Settings, load_settings
from engine.db import Database
from engine.simulated_time import SimulatedClock
from webui import context, errors, i18n, security
from webui.extensions import babel, csrf, login_manager


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> Flask:
    settings = settings or load_settings()
    app = Flask(__name__, instance_path=str(Path(settings.instance_dir).resolve()))
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session it belongs to
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        BABEL_DEFAULT_LOCALE="zh_CN",
        BABEL_TRANSLATION_DIRECTORIES=str(Path(__file__).parent / "translations"),
    )
    db = Database(settings.database_url)
    clock = clock or (SimulatedClock(db) if settings.clock == "simulated" else RealClock())
    app.extensions["lianxi"] = context.Lianxi(settings=settings, db=db, clock=clock)

    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    login_manager.init_app(app)
    context.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    i18n.init_app(app)
    _register_blueprints(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from webui import (
        admin_annual,
        admin_calendar,
        admin_reminders,
        annual_views,
        api,
        auth,
        inbox_views,
        instance_views,
        meeting_views,
        nag_views,
        notification_views,
        plan_views,
        preference_views,
        supervision_views,
        task_views,
        unit_views,
    )

    for blueprint in (
        auth.bp,
        inbox_views.bp,
        task_views.bp,
        instance_views.bp,
        meeting_views.bp,
        nag_views.bp,
        unit_views.bp,
        notification_views.bp,
        preference_views.bp,
        admin_calendar.bp,
        admin_reminders.bp,
        admin_annual.bp,
        annual_views.bp,
        supervision_views.bp,
        plan_views.bp,
        api.bp,
    ):
        app.register_blueprint(blueprint)
