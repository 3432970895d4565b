"""Mediators, with the aliases that recognise them in articles edited as text."""

from __future__ import annotations

import re

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from exchanges.admin.mixins import ExchangeCountMixin
from exchanges.models import Mediator

_ALIAS_SEPARATORS = re.compile(r"[\n,;]+")


class AliasesField(forms.CharField):
    """A JSON list of names, edited as text: one per line, or comma-separated."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        names = (name.strip() for name in _ALIAS_SEPARATORS.split(value or ""))
        return list(dict.fromkeys(name for name in names if name))

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)


class MediatorForm(forms.ModelForm):
    aliases = AliasesField(
        required=False,
        help_text="Other names that identify this mediator in articles: one per line, "
        "or separated by commas.",
    )

    class Meta:
        model = Mediator
        fields = ["name", "slug", "kind", "aliases"]


@admin.register(Mediator)
class MediatorAdmin(ExchangeCountMixin, SimpleHistoryAdmin):
    form = MediatorForm
    list_display = ["name", "kind", "alias_list", "exchange_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # Meta.ordering does not survive an aggregate's GROUP BY; say it again.
        return super().get_queryset(request).order_by("name")

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return ", ".join(obj.aliases or [])
