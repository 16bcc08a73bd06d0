"""`lianxi annual export --body CODE --year Y FILE.docx`: the year's compiled summary and plan as
a Word document, the same one the compile page downloads."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from engine.annual import docx_export
from engine.annual import queries as views
from webui.cli.common import engine_errors, find_body, services


@click.group("annual")
def annual() -> None:
    """The annual cycle: each unit's summary and plan, compiled by the office."""


@annual.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--body", "body_code", metavar="CODE", help="The body (needed when there are several).")
@click.option("--year", type=int, required=True, help="The year of the summary.")
@with_appcontext
def export(file: Path, body_code: str | None, year: int) -> None:
    """Write the year's current draft (the final one once archived) as .docx."""
    with services().db.read_session() as session, engine_errors():
        cycle = views.cycle_of_body(session, find_body(session, body_code).id, year)
        content = docx_export.of_cycle(session, cycle)
    file.write_bytes(content)
    click.echo(f"{year} annual summary written to {file}")
