"""Alembic migrations of the store, run by :func:`kronika.store.engine.migrate`."""
