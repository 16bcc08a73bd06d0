"""`lianxi search rebuild`: every search entry written afresh, e.g. once after upgrading to the
schema that brought the index; every write keeps it current after that (engine.search.index)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from engine.search import index
from webui.cli.common import services


@click.group("search")
def search() -> None:
    """The search index."""


@search.command("rebuild")
@with_appcontext
def rebuild() -> None:
    """Rebuild the search index from the records."""
    with services().db.write_session() as session:
        count = index.rebuild(session)
        session.commit()
    click.echo(f"search index rebuilt: {count} record(s)")
