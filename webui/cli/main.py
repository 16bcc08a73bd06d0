"""`lianxi`, the console script: Flask's CLI over the app factory (so `routes` and `shell` come
with it, and a `.env` file is read), plus the operators' commands of docs/INTERFACE.md."""

from __future__ import annotations

from typing import IO

import click
from flask import Flask
from flask.cli import FlaskGroup, NoAppException
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from webui import create_app
from webui.cli import register
from webui.cli.common import fail, first_line


class Unconfigured(NoAppException):
    """The environment does not describe a usable installation: one line, not a traceback
    (FlaskGroup shows NoAppException politely even while listing commands for --help)."""

    exit_code = 1

    def show(self, file: IO | None = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True, file=file)


def _create_app() -> Flask:
    try:
        return create_app()
    except (ValueError, OSError, SQLAlchemyError) as exc:
        raise Unconfigured(f"cannot set up lianxi: {exc}") from exc


class LianxiGroup(FlaskGroup):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OperationalError as exc:
            # Unreachable server, missing tables, a locked file: the operator's to fix, so one
            # line rather than a traceback.
            fail(f"database: {first_line(exc)} (is LIANXI_DATABASE_URL right, and has `lianxi init-db` been run?)")


cli = LianxiGroup(
    create_app=_create_app,
    help="lianxi: workflows for joint-meeting bodies (联席会议).",
)
register(cli)


def main() -> None:
    cli.main(prog_name="lianxi")
