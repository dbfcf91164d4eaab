"""One file per schema revision (Alembic)."""
