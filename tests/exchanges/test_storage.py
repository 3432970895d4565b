"""How the database stores whole pages (PostgreSQL only)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def compression_of(column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attcompression FROM pg_attribute "
            "WHERE attrelid = 'exchanges_source'::regclass AND attname = %s",
            [column],
        )
        return cursor.fetchone()[0]


def test_a_sources_page_and_text_are_compressed_with_lz4(need_postgres):
    with connection.cursor() as cursor:
        cursor.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
        if "lz4" not in cursor.fetchone()[0]:
            pytest.skip("this PostgreSQL server was built without lz4")
    assert compression_of("raw_content") == "l"
    assert compression_of("text") == "l"
