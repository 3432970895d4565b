"""Cursor (keyset) pages that keep the table's order: any sortable column, empty values last.

DRF's CursorPagination cannot order on a column with empty values, and the
table's columns have them (an undated exchange, a figure no source stated). A
cursor here is the last row's (value, id), opaque to the client; the next page
is the rows after it in the order `ExchangeTable.ordered` gives, so a page is
one indexed query however deep it is, and rows added meanwhile do not shift it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json

from django.db.models import Q
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


def encode_cursor(value, pk: int) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    raw = json.dumps([value, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, pk = json.loads(raw)
    except (ValueError, TypeError):
        raise ValidationError({"cursor": "Invalid cursor."}) from None
    if not isinstance(pk, int) or not isinstance(value, str | int | type(None)):
        raise ValidationError({"cursor": "Invalid cursor."})
    return value, pk


def after(field: str | None, descending: bool, value, pk: int) -> Q:
    """The rows after (value, pk) in `field` order with empty values last, ties by id."""
    beyond = "lt" if descending else "gt"
    if field is None:
        return Q(**{f"id__{beyond}": pk})
    if value is None:
        return Q(**{f"{field}__isnull": True, f"id__{beyond}": pk})
    return (
        Q(**{f"{field}__{beyond}": value})
        | Q(**{field: value, f"id__{beyond}": pk})
        | Q(**{f"{field}__isnull": True})
    )


class KeysetPagination(BasePagination):
    """The view names its order as `view.page_order` = (field or None for id only, descending)."""

    page_size = 100
    max_page_size = 1000
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def _page_size(self, request) -> int:
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not value.isdigit() or int(value) < 1:
            raise ValidationError({"page_size": "A positive whole number."})
        return min(int(value), self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        field, descending = view.page_order
        size = self._page_size(request)
        cursor = request.query_params.get(self.cursor_query_param)
        if cursor:
            queryset = queryset.filter(after(field, descending, *decode_cursor(cursor)))
        rows = list(queryset[: size + 1])
        self.request = request
        self.next_cursor = None
        if len(rows) > size:
            rows = rows[:size]
            last = rows[-1]
            self.next_cursor = encode_cursor(getattr(last, field) if field else None, last.id)
        return rows

    def get_next_link(self) -> str | None:
        if self.next_cursor is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self.next_cursor)

    def get_paginated_response(self, data) -> Response:
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["next", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page, or null on the last one.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "in": "query",
                "required": False,
                "description": "Where the page starts: take it from the previous page's `next`.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "description": f"Rows a page (default {self.page_size}, at most "
                f"{self.max_page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
