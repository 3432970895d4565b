"""On PostgreSQL, compress a source's stored page and text with lz4 instead of pglz.

Every ingest writes a whole web page into `raw_content`; PostgreSQL compresses
such values, and its default (pglz) took longer than the rest of the insert.
lz4 compresses about as well here and several times faster. Only servers built
with lz4 (PostgreSQL 14 and later, as Debian's and the official images are)
get the change; other databases are left as they are.
"""

from django.db import migrations

COLUMNS = ("raw_content", "text")


def lz4_available(cursor) -> bool:
    cursor.execute(
        "SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'"
    )
    row = cursor.fetchone()
    return bool(row and row[0] and "lz4" in row[0])


def set_compression(method: str):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            if method == "lz4" and not lz4_available(cursor):
                return
            table = schema_editor.quote_name("exchanges_source")
            changes = ", ".join(
                f"ALTER COLUMN {schema_editor.quote_name(column)} SET COMPRESSION {method}"
                for column in COLUMNS
            )
            cursor.execute(f"ALTER TABLE {table} {changes}")

    return apply


class Migration(migrations.Migration):
    dependencies = [("exchanges", "0006_source_duplicate_of")]

    operations = [
        migrations.RunPython(set_compression("lz4"), set_compression("default")),
    ]
