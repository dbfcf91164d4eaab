"""Alembic environment: run on the connection :func:`kronika.store.open_store` hands over.

Migrations run programmatically (never from an ``alembic.ini`` on disk) so that a store opened
anywhere -- CLI, web app, batch worker -- is brought to the current schema the same way.
"""

from __future__ import annotations

from alembic import context

from kronika.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` run by hand against a URL, for development
    from sqlalchemy import create_engine

    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as connection:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
