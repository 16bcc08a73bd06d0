"""`lianxi remind --now ISO [--dry-run] [--json]`: the reminders and escalations due at an instant."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from engine import background
from engine.core.clock import parse_instant
from engine.reminders import planning
from webui.cli.common import USAGE, echo_json, echo_table, fail, services

COLUMNS = ("task_id", "kind", "planned_at", "recipient", "unit", "channel")


@click.command("remind")
@click.option("--now", "now_text", required=True, metavar="ISO", help="The instant to plan for.")
@click.option("--dry-run", is_flag=True, help="Only list what would go out; record and send nothing.")
@click.option("--json", "as_json", is_flag=True, help="One JSON list on stdout.")
@with_appcontext
def remind(now_text: str, dry_run: bool, as_json: bool) -> None:
    """Plan the reminders due at --now and send them (unless --dry-run)."""
    lx = services()
    try:
        now = parse_instant(now_text)
    except ValueError:
        fail(f"--now is not an ISO 8601 instant: {now_text!r}", USAGE)
    if dry_run:
        with lx.db.read_session() as session:
            rows = planning.preview(session, now)
    else:
        if now > lx.clock.now():
            fail("--now lies ahead of the clock: reminders are only sent once due (try --dry-run)", USAGE)
        rows = planning.plan_due(lx.db, now)
        _deliver(lx, now)
    if as_json:
        echo_json(rows)
    else:
        echo_table(COLUMNS, [[row[c] or "" for c in COLUMNS] for row in rows])


def _deliver(lx, now) -> None:  # noqa: ANN001
    """Sending belongs to the delivery step that `notifications` contributes to the pass."""
    delivery = next((s for s in background.steps() if s.name == "delivery"), None)
    if delivery is None:
        click.echo("warning: no delivery step is installed; the reminders wait in the outbox", err=True)
        return
    delivery.run(lx.db, lx.settings, now)
