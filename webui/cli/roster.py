"""`lianxi roster ...`: the roster workbook (名册.xlsx) in and out of a body; and `lianxi user
deactivate|lock|unlock`, a person's access, as the roster pages change it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask.cli import AppGroup, with_appcontext

from engine.core.errors import InvalidData
from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.roster import access, people, workbook
from engine.roster.comparison import Preview
from engine.roster.sheets import Problem
from webui.cli.common import EXIT_STATUS, echo_table, engine_errors, fail, find_body, services

roster = AppGroup("roster", help="The roster workbook (.xlsx): template, export, import.")
ACTOR = "cli"
READABLE = click.Path(exists=True, dir_okay=False, path_type=Path)
WRITABLE = click.Path(dir_okay=False, writable=True, path_type=Path)


@roster.command("template")
@click.argument("file", type=WRITABLE)
def write_template(file: Path) -> None:
    """Write an empty roster workbook, with a sheet explaining its columns."""
    file.write_bytes(workbook.template())
    click.echo(f"template written to {file}")


@roster.command("export")
@click.argument("file", type=WRITABLE)
@click.option("--body", "body_code", metavar="CODE", help="The body (needed when there are several).")
def export(file: Path, body_code: str | None) -> None:
    """Write the body's roster as it is now."""
    with services().db.read_session() as session:
        found = find_body(session, body_code)
        file.write_bytes(workbook.export(session, found.id))
    click.echo(f"roster of {found.code} written to {file}")


@roster.command("import")
@click.argument("file", type=READABLE)
@click.option("--body", "body_code", metavar="CODE", help="The body (needed when there are several).")
@click.option("--dry-run", is_flag=True, help="Show what importing would do, and write nothing.")
def import_roster(file: Path, body_code: str | None, dry_run: bool) -> None:
    """Import a filled roster: all of it, or nothing when any row is refused."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors(), _refused(file):
        found = find_body(uow.session, body_code)
        rows = workbook.read(file.read_bytes())
        if dry_run:
            plan, passwords = workbook.preview(uow.session, found.id, rows), {}
            if plan.problems:
                raise workbook.WorkbookInvalid(plan.problems)
        else:
            applied = workbook.apply(uow.session, found.id, rows, ACTOR, lx.clock.now())
            uow.commit()
            plan, passwords = applied.done, applied.passwords
    _echo_preview(plan)
    if dry_run:
        click.echo("dry run: nothing written")
    elif passwords:
        click.echo("temporary passwords (shown once; each person sets their own at first sign-in):")
        echo_table(("username", "password"), sorted(passwords.items()))


@contextmanager
def _refused(file: Path) -> Iterator[None]:
    """Each problem of a refused file on a line of its own on stderr, then the invalid-data status."""
    try:
        yield
    except workbook.WorkbookInvalid as invalid:
        for problem in invalid.problems:
            click.echo(_where(problem, file) + problem.message, err=True)
        fail(f"{len(invalid.problems)} problem(s) in {file}: nothing imported", EXIT_STATUS[InvalidData])


def _where(problem: Problem, file: Path) -> str:
    if not problem.sheet:
        return f"{file}: "
    if not problem.row:
        return f"sheet {problem.sheet}: "
    return f"sheet {problem.sheet}, row {problem.row}, column {problem.column}: "


def _echo_preview(plan: Preview) -> None:
    for sign, rows in (("+", plan.units_added), ("+", plan.people_added)):
        for row in rows:
            click.echo(f"{sign} {_key(row)} {_label(row)}")
    for change in [*plan.units_changed, *plan.people_changed]:
        for f in change.fields:
            click.echo(f"~ {change.key} {f.column}: {f.before or '-'} -> {f.after or '-'}")
    for seat in plan.seats:
        click.echo(f"~ {seat.unit} {seat.seat}: {', '.join(seat.before) or '-'} -> {seat.after or '-'}")
    for absent in [*plan.units_absent, *plan.people_absent]:
        click.echo(f"= {absent.key} {absent.name} (not in the file: left as it is)")
    units = f"units: {len(plan.units_added)} new, {len(plan.units_changed)} changed"
    persons = f"people: {len(plan.people_added)} new, {len(plan.people_changed)} changed"
    click.echo(f"{units}; {persons}; seats: {len(plan.seats)} changed")


def _key(row) -> str:
    return getattr(row, "username", None) or row.code


def _label(row) -> str:
    return f"{row.display_name} ({row.unit})" if hasattr(row, "username") else row.name


# A person's access


@click.command("deactivate")
@click.argument("name")
@click.option("--as", "acting", required=True, metavar="ADMIN", help="An administrator of the person's body.")
@click.option("--hand-over-to", metavar="NAME", help="Who takes the tasks addressed to the person by name.")
@with_appcontext
def deactivate(name: str, acting: str, hand_over_to: str | None) -> None:
    """The person leaves the body: they can no longer sign in; what they did stays theirs."""
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        person = accounts.find(uow.session, name)
        actor = people.find(uow.session, person.body_id, acting)
        access.require(access.may_administer(actor), f"deactivate {name}: {acting} is not an administrator")
        people.deactivate(uow, actor, name, hand_over_to, lx.clock.now())
        uow.commit()
    click.echo(f"{name} deactivated")


@click.command("lock")
@click.argument("name")
@with_appcontext
def lock(name: str) -> None:
    """Lock the person out until unlocked (ends their sessions and API tokens)."""
    _lock(name, True)
    click.echo(f"{name} locked")


@click.command("unlock")
@click.argument("name")
@with_appcontext
def unlock(name: str) -> None:
    _lock(name, False)
    click.echo(f"{name} unlocked")


def _lock(name: str, locked: bool) -> None:
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        person = accounts.find(uow.session, name)
        people.lock(uow.session, person.body_id, name, locked, ACTOR, lx.clock.now())
        uow.commit()


USER_COMMANDS = (deactivate, lock, unlock)
