"""`lianxi message send` and `lianxi signal send`: to the instances of the sender's body waiting
for them (engine.workflow.messages). Exit 3 not permitted, 4 nobody waiting, 6 invalid data."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from engine.core.uow import UnitOfWork
from engine.org import accounts
from engine.workflow import messages
from engine.workflow.spiff.events import Event
from webui.cli.common import engine_errors, json_object, services

message = AppGroup("message", help="Messages to the instances waiting for them, by correlation key.")
signal = AppGroup("signal", help="Signals to every instance waiting for them.")

_DATA = click.option("--data", help='The payload as a JSON object, e.g. \'{"outcome": "..."}\'.')
_AS = click.option("--as", "acting", required=True, metavar="USER", help="Someone of the office, or the administrator.")


@message.command("send")
@click.argument("name")
@_DATA
@click.option("--key", "keys", multiple=True, metavar="KEY=VALUE", help="A correlation key the instance must hold.")
@_AS
def send_message(name: str, data: str | None, keys: tuple[str, ...], acting: str) -> None:
    """Send message NAME to the instances waiting for it whose keys match; prints their ids."""
    _send(Event("message", name, json_object(data), _correlation(keys)), acting)


@signal.command("send")
@click.argument("name")
@_DATA
@_AS
def send_signal(name: str, data: str | None, acting: str) -> None:
    """Send signal NAME to every instance waiting for it; prints their ids."""
    _send(Event("signal", name, json_object(data)), acting)


def _send(event: Event, acting: str) -> None:
    lx = services()
    with UnitOfWork(lx.db) as uow, engine_errors():
        reached = messages.send(uow, accounts.find(uow.session, acting), event, lx.clock.now())
        uow.commit()
    for instance_id in reached:
        click.echo(instance_id)


def _correlation(keys: tuple[str, ...]) -> dict[str, str]:
    correlation = {}
    for each in keys:
        key, sep, value = each.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{each!r} is not KEY=VALUE", param_hint="--key")
        correlation[key.strip()] = value
    return correlation


# Registered on `lianxi` by webui.cli.register.
MESSAGE_COMMANDS = (message, signal)
