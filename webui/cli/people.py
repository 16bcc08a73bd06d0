"""`lianxi user ...` and `lianxi unit list`: the people who act, and the units they act for."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from engine.core.clock import iso
from engine.core.uow import UnitOfWork
from engine.org import accounts, signin
from engine.org import queries as roster
from engine.org.models import ROLES, Unit
from engine.roster import seats
from webui.cli.common import echo_json, echo_table, engine_errors, fail, find_body, services

user = AppGroup("user", help="People: create them, set passwords, issue API tokens.")
unit = AppGroup("unit", help="The member units of a body.")


@user.command("create")
@click.argument("name")
@click.option("--unit", "unit_code", required=True, help="Code of the person's unit.")
@click.option("--role", "roles", required=True, multiple=True, help=f"One of {', '.join(ROLES)}.")
@click.option("--password", help="Prompted for when omitted on a terminal.")
@click.option("--display-name")
@click.option("--email")
@click.option("--body", "body_code", metavar="CODE", help="The unit's body (needed when several have that unit code).")
def create_user(name, unit_code, roles, password, display_name, email, body_code) -> None:
    """Add a person."""
    if password is None and sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        body_id = find_body(uow.session, body_code).id if body_code else None
        accounts.create(
            uow.session,
            name,
            unit_code,
            list(roles),
            display_name=display_name,
            email=email,
            password=password,
            body_id=body_id,
            now=lx.clock.now(),
        )
        uow.commit()
    click.echo(f"created {name} ({unit_code}: {', '.join(roles)})")
    if password is None:
        click.echo(f"{name} has no password yet: `lianxi user password {name}` sets one", err=True)


@user.command("password")
@click.argument("name")
@click.password_option("--password", help="Prompted for when omitted.")
def set_password(name: str, password: str) -> None:
    """Set a person's password (ends their signed-in sessions)."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        person = accounts.find(uow.session, name)
        accounts.set_password(uow.session, person, password, lx.clock.now())
        uow.commit()
    click.echo(f"password set for {name}")


@user.command("token")
@click.argument("name")
def issue_token(name: str) -> None:
    """Print a new API token for NAME (shown once: only its hash is kept)."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        token = signin.issue_api_token(uow.session, accounts.find(uow.session, name), lx.clock.now())
        uow.commit()
    click.echo(token)


@user.command("tokens")
@click.argument("name")
def list_tokens(name: str) -> None:
    """List NAME's API tokens by id, for `user revoke-token`."""
    with services().db.read_session() as session, engine_errors():
        person = accounts.find(session, name)
        rows = signin.api_tokens_of(session, person)
    echo_table(
        ("id", "created", "last used", "revoked"),
        [(t.id, iso(t.created_at), _when(t.last_used_at), _when(t.revoked_at)) for t in rows],
    )


@user.command("revoke-token")
@click.argument("name")
@click.argument("token_id", type=int)
def revoke_token(name: str, token_id: int) -> None:
    """Revoke one of NAME's API tokens."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        person = accounts.find(uow.session, name)
        if not signin.revoke_api_token(uow.session, person, token_id, lx.clock.now()):
            fail(f"{name} has no live token {token_id}", 4)
        uow.commit()
    click.echo(f"token {token_id} revoked")


def _when(at) -> str:
    return iso(at) if at else "-"


@unit.command("list")
@click.option("--body", "body_code", help="Only this body's units.")
@click.option("--all", "everyone", is_flag=True, help="Also invited guest units and the government.")
@click.option("--json", "as_json", is_flag=True)
def list_units(body_code: str | None, everyone: bool, as_json: bool) -> None:
    """The member units: code, name, body, liaisons."""
    with services().db.read_session() as session:
        found = roster.units(session, body_code, members_only=not everyone)
        rows = [_unit_dict(session, u, code) for u, code in found]
    if body_code and not rows:
        fail(f"no body {body_code!r}, or it has no units", 4)
    if as_json:
        echo_json(rows)
        return
    echo_table(
        ("code", "name", "body", "liaisons"),
        [(r["code"], r["name"], r["body"], ", ".join(p["username"] for p in r["liaisons"])) for r in rows],
    )


@unit.command("liaison")
@click.argument("code")
@click.option("--primary", required=True, metavar="NAME", help="The person who answers for the unit.")
@click.option("--backup", metavar="NAME", help="Who covers when the primary is away.")
@click.option("--body", "body_code", metavar="CODE", help="The body (needed when there are several).")
def set_liaisons(code: str, primary: str, backup: str | None, body_code: str | None) -> None:
    """Name a unit's liaison (and backup): its open tasks follow them."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        body = find_body(uow.session, body_code)
        now = lx.clock.now()
        wanted = {"liaison": primary, "backup_liaison": backup}
        seats.change(uow.session, body.id, code, wanted, now.date(), "cli", now)
        uow.commit()
    click.echo(f"{code}: liaison {primary}" + (f", backup {backup}" if backup else ""))


def _unit_dict(session, unit_row: Unit, body_code: str) -> dict:
    people = roster.liaisons_of(session, unit_row.body_id, unit_row.code)
    return {
        "code": unit_row.code,
        "name": unit_row.name,
        "body": body_code,
        "kind": unit_row.kind,
        "liaisons": [{"username": p.username, "display_name": p.display_name, "email": p.email} for p in people],
    }
