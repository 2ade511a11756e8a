"""Alembic migrations of the store, run by loaders.store.connect() (no alembic.ini needed)."""
