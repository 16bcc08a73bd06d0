"""What every command shares: the app's services, JSON and table output, and turning engine
errors into the exit statuses docs/INTERFACE.md promises."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn

import click
from flask import current_app
from sqlalchemy.orm import Session

from engine.core.errors import Forbidden, InvalidData, LianxiError, NoLongerOpen, NotFound, ProcessFailure
from engine.org import queries as roster
from engine.org.models import Body
from webui.common.context import Lianxi

# docs/INTERFACE.md: 3 not permitted, 4 not found, 5 no longer open, 6 invalid data.
EXIT_STATUS = {
    Forbidden: 3,
    NotFound: 4,
    NoLongerOpen: 5,
    InvalidData: 6,
    ProcessFailure: 1,
}
USAGE = 2  # click's own status for a command line it refuses


def services() -> Lianxi:
    return current_app.extensions["lianxi"]


def fail(message: str, status: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    raise click.exceptions.Exit(status)


@contextmanager
def engine_errors() -> Iterator[None]:
    """An engine refusal becomes its exit status and a message on stderr, never a traceback."""
    try:
        yield
    except InvalidData as exc:
        fields = "; ".join(f"{n}: {e.code}{_params(e.params)}" for n, e in exc.errors.items())
        fail(f"{exc.message}: {fields}", EXIT_STATUS[InvalidData])
    except LianxiError as exc:
        status = next((s for kind, s in EXIT_STATUS.items() if isinstance(exc, kind)), 1)
        fail(exc.message, status)


def first_line(exc: Exception) -> str:
    """The driver's own words, without SQLAlchemy's statement dump and help link."""
    original = getattr(exc, "orig", None) or exc
    return (str(original).strip().splitlines() or [type(exc).__name__])[0]


def _params(params: dict) -> str:
    return f" ({', '.join(f'{k}: {v}' for k, v in params.items())})" if params else ""


def json_object(text: str | None, option: str = "--data") -> dict:
    """A JSON object given on the command line; anything else is invalid data (exit 6)."""
    if text is None:
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"{option} is not valid JSON: {exc}", EXIT_STATUS[InvalidData])
    if not isinstance(value, dict):
        fail(f"{option} must be a JSON object", EXIT_STATUS[InvalidData])
    return value


def echo_json(document) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def echo_table(headers: Sequence[str], rows: Sequence[Sequence]) -> None:
    """Columns padded by display width, so Chinese titles (two cells a character) line up."""
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        padded = [v + " " * (w - _width(v)) for v, w in zip(row, widths, strict=True)]
        click.echo("  ".join(padded).rstrip())


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def find_body(session: Session, code: str | None) -> Body:
    """The body named, or the only one there is: most installations serve a single body."""
    if code is not None:
        body = roster.body_by_code(session, code)
        if body is None:
            fail(f"no body {code!r}", EXIT_STATUS[NotFound])
        return body
    bodies = roster.bodies(session, limit=2)
    if not bodies:
        fail("there is no body yet (`lianxi init-db --demo` loads one)", EXIT_STATUS[NotFound])
    if len(bodies) > 1:
        fail("there are several bodies: give --body CODE", USAGE)
    return bodies[0]
