"""The read-only JSON API: the table's filters, cursor pages, an OpenAPI schema (see urls.py)."""
