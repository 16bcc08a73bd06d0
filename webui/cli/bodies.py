"""`lianxi body ...`, `lianxi unit add|retire` and `lianxi member ...`: bodies, their units, and
membership changes (成员调整), through the same engine services as the roster pages."""

from __future__ import annotations

import click
from flask.cli import AppGroup, with_appcontext

from engine.core.clock import iso
from engine.core.uow import UnitOfWork
from engine.org import queries
from engine.org.models import LEVELS, SEATS
from engine.roster import access, bodies, people, seats, units
from webui.cli.common import USAGE, echo_json, echo_table, engine_errors, fail, find_body, services

body = AppGroup("body", help="The joint-meeting bodies on this installation.")
member = AppGroup("member", help="Membership changes: who holds a unit's seats.")
ACTOR = "cli"
DAY = click.DateTime(formats=["%Y-%m-%d"])


@body.command("create")
@click.argument("code")
@click.option("--name", required=True)
@click.option("--level", required=True, type=click.Choice(LEVELS))
@click.option("--government", required=True, help="The government the body reports to.")
@click.option("--body-seal", default="", help="The unit whose seal stands in for the body's.")
@click.option("--office-seal", default="", help="The seal of the body's office.")
@click.option("--doc-prefix", default="", help="The prefix of its documents' numbers.")
def create_body(code, name, level, government, body_seal, office_seal, doc_prefix) -> None:
    """Create a body, with its government as a unit (code gov)."""
    values = {
        "code": code,
        "name": name,
        "level": level,
        "government_name": government,
        "body_seal": body_seal,
        "office_seal": office_seal,
        "doc_prefix": doc_prefix,
    }
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        bodies.create(uow.session, values, ACTOR, lx.clock.now())
        uow.commit()
    click.echo(f"created body {code} ({name})")


@body.command("list")
@click.option("--json", "as_json", is_flag=True)
def list_bodies(as_json: bool) -> None:
    """The bodies: code, name, level, government."""
    with services().db.read_session() as session:
        rows = [
            {"code": b.code, "name": b.name, "level": b.level, "government": b.government_name}
            for b in queries.bodies(session)
        ]
    if as_json:
        echo_json(rows)
        return
    echo_table(("code", "name", "level", "government"), [tuple(r.values()) for r in rows])


@click.command("add")
@click.argument("code")
@click.option("--body", "body_code", metavar="CODE", help="The body (needed when there are several).")
@click.option("--name", required=True)
@click.option("--kind", type=click.Choice(units.KINDS), default="member", show_default=True)
@click.option("--phone", default="")
@click.option("--email", default="")
@with_appcontext
def add_unit(code, body_code, name, kind, phone, email) -> None:
    """Add a member unit, or a guest unit a meeting may invite."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        found = find_body(uow.session, body_code)
        values = {"code": code, "name": name, "kind": kind, "phone": phone, "email": email}
        units.add(uow.session, found.id, values, ACTOR, lx.clock.now())
        uow.commit()
    click.echo(f"added {kind} unit {code} ({name}) to {found.code}")


@click.command("retire")
@click.argument("code")
@click.option("--body", "body_code", metavar="CODE", help="The body (needed when there are several).")
@click.option("--on", "on_day", required=True, type=DAY, help="The day it left (YYYY-MM-DD).")
@click.option("--handover-to", metavar="UNIT", help="The member unit its open tasks go to.")
@click.option("--as", "acting", required=True, metavar="USERNAME", help="An office person of the body.")
@with_appcontext
def retire_unit(code, body_code, on_day, handover_to, acting) -> None:
    """A unit leaves the body: its seats close and its people are deactivated."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        found = find_body(uow.session, body_code)
        actor = people.find(uow.session, found.id, acting)
        access.require(actor.is_office, f"retire a unit of {found.code}: {acting} is not of its office")
        units.retire(uow, actor, code, on_day.date(), handover_to, lx.clock.now())
        uow.commit()
    click.echo(f"{code} left {found.code} on {on_day:%Y-%m-%d}")


@member.command("change")
@click.argument("unit_code", metavar="UNIT")
@click.option("--body", "body_code", metavar="CODE", help="The body (needed when there are several).")
@click.option("--seat", required=True, type=click.Choice(SEATS))
@click.option("--person", metavar="USERNAME", help="Who holds the seat from that day.")
@click.option("--vacate", is_flag=True, help="Leave the seat empty from that day.")
@click.option("--on", "on_day", required=True, type=DAY, help="The day it took effect (YYYY-MM-DD).")
@click.option("--note", default="")
def change_seat(unit_code, body_code, seat, person, vacate, on_day, note) -> None:
    """Record a membership change: the seat goes to --person, or is left empty (--vacate)."""
    if bool(person) == vacate:
        fail("give either --person USERNAME or --vacate", USAGE)
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        found = find_body(uow.session, body_code)
        seats.change(uow.session, found.id, unit_code, {seat: person}, on_day.date(), ACTOR, lx.clock.now(), note)
        uow.commit()
    click.echo(f"{unit_code} {seat}: {person or 'vacant'} from {on_day:%Y-%m-%d}")


@member.command("history")
@click.argument("unit_code", metavar="UNIT")
@click.option("--body", "body_code", metavar="CODE", help="The body (needed when there are several).")
@click.option("--json", "as_json", is_flag=True)
def seat_history(unit_code, body_code, as_json) -> None:
    """Who held the unit's seats when, latest first."""
    with services().db.read_session() as session, engine_errors():
        found = find_body(session, body_code)
        rows = [_holding(h) for h in seats.history(session, found.id, unit_code)]
    if as_json:
        echo_json(rows)
        return
    echo_table(
        ("seat", "person", "from", "until", "recorded by", "note"),
        [(r["seat"], r["username"], r["from_day"], r["until_day"], r["recorded_by"], r["note"]) for r in rows],
    )


def _holding(holding) -> dict:
    return {
        "seat": holding.seat,
        "username": holding.person.username,
        "display_name": holding.person.display_name,
        "from_day": _day(holding.from_day),
        "until_day": _day(holding.until_day),
        "recorded_by": holding.recorded_by,
        "recorded_at": iso(holding.recorded_at),
        "note": holding.note,
    }


def _day(day) -> str | None:
    return day.isoformat() if day else None


UNIT_COMMANDS = (add_unit, retire_unit)
