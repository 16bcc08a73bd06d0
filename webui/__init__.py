"""The web application: the inbox, task pages and the JSON API over the engine's services."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from engine.attachments import store as attachments
from engine.core.clock import Clock, RealClock
from engine.core.config import Settings, load_settings
from engine.core.db import Database
from engine.core.simulated_time import SimulatedClock
from webui.common import context, display, errors, i18n, input_guard, logs, reminder_history, security
from webui.common.extensions import babel, csrf, login_manager

UPLOAD_ENVELOPE = 64 * 1024  # the multipart envelope and the form's other fields around a file


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> Flask:
    settings = settings or load_settings()
    logs.set_levels(settings.log_level)
    app = Flask(__name__, instance_path=str(Path(settings.instance_dir).resolve()))
    if settings.trusted_proxies:  # not X-Forwarded-Host: a proxy that does not set it passes on the client's
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=0)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        # Over HTTPS the __Host- prefix binds the cookie to this host and path: no subdomain or
        # plain-HTTP page can set one in its place (a browser refuses the prefix without Secure).
        SESSION_COOKIE_NAME="__Host-session" if settings.secure_cookies else "session",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session it belongs to
        # A request may carry one attachment of engine.attachments' size and its form around it;
        # raised per route it would come too late, as the CSRF check reads the body first.
        MAX_CONTENT_LENGTH=attachments.MAX_BYTES + UPLOAD_ENVELOPE,
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
    input_guard.init_app(app)
    i18n.init_app(app)
    display.init_app(app)
    reminder_history.init_app(app)
    _register_blueprints(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from webui import (
        admin,
        annual,
        api,
        archive,
        auth,
        documents,
        home,
        inbox,
        incidents,
        information,
        inspections,
        instances,
        me,
        meetings,
        plans,
        research,
        roster,
        search,
        site,
        supervision,
        tasks,
        units,
    )

    areas = (
        auth,
        home,
        inbox,
        tasks,
        instances,
        incidents,
        meetings,
        documents,
        information,
        archive,
        units,
        me,
        admin,
        site,
        roster,
        annual,
        supervision,
        inspections,
        plans,
        research,
        search,
        api,
    )
    for area in areas:
        app.register_blueprint(area.bp)
