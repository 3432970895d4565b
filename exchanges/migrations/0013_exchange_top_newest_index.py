"""An index for the table's and the CSV's order: newest first, undated last, ties by id.

A page of the table then reads its 50 rows off the index instead of sorting every
exchange, and the CSV streams in that order. PostgreSQL only: SQLite cannot
index NULLS LAST (and has no such sizes to serve).
"""

from django.db import migrations

NAME = "exchange_top_newest_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON exchanges_exchange"
            " (date DESC NULLS LAST, id DESC) WHERE parent_id IS NULL"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("exchanges", "0012_data_version_and_mediator_years"),
    ]

    operations = [migrations.RunPython(create, drop)]
