"""`lianxi ledger export FILE.xlsx [--body CODE] [filters]`: the supervision ledger (督办台账)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import click
from flask.cli import with_appcontext

from engine.supervision import ledger as ledger_rows
from engine.supervision import workbook
from engine.supervision.status import STATUSES
from webui.cli.common import find_body, services
from webui.common import display


@click.group("ledger")
def ledger() -> None:
    """The supervision ledger of decided items."""


@ledger.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--body", "body_code", metavar="CODE", help="The body (needed when there are several).")
@click.option("--unit", metavar="CODE", help="Only items this unit leads or cooperates on.")
@click.option("--status", type=click.Choice(STATUSES), help="Only items in this status.")
@click.option("--source", type=click.Choice(ledger_rows.SOURCES), help="Only items from this source.")
@click.option("--year", type=int, help="Only items put under supervision in this year.")
@with_appcontext
def export(
    file: Path, body_code: str | None, unit: str | None, status: str | None, source: str | None, year: int | None
) -> None:
    """Write the ledger as an Excel workbook, the same one the ledger page downloads."""
    lx = services()
    now = lx.clock.now()
    with lx.db.read_session() as session:
        body = find_body(session, body_code)
        filters = ledger_rows.Filters(unit=unit, status=status, source=source, year=year)
        found = _Counted(ledger_rows.each_row(session, body.id, now, filters))
        content = workbook.build(body.name, found, now, display.ledger_names())
    file.write_bytes(content)
    click.echo(f"{found.count} items written to {file}")


class _Counted:
    """The rows as the workbook reads them, streamed, and how many it read."""

    def __init__(self, rows: Iterable[dict]):
        self.rows, self.count = rows, 0

    def __iter__(self) -> Iterator[dict]:
        for row in self.rows:
            self.count += 1
            yield row
