"""Alembic environment: migrate on the connection (and inside the transaction) connect() gives."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
