"""Alembic migrations of the knowledge base, run by :func:`kronika.store.engine.migrate`."""
