"""Alembic environment: run on the connection engine.core.schema hands over."""

from alembic import context

from engine.search.models import is_index_part
from engine.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    include_name=lambda name, _type, _parents: not is_index_part(name),  # the search index's own
)
with context.begin_transaction():
    context.run_migrations()
