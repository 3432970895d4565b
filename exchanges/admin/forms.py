"""The exchange forms editors fill in: the full edit form and the review's correction.

The category breakdown is edited as one number field per group and side
("military, to Ukraine"), not as JSON; groups the form does not know (from an
older reading) are kept as they were.
"""

from __future__ import annotations

from django import forms

from exchanges.models import BREAKDOWN_GROUPS, SIDES, Exchange

SIDE_LABELS = {"to_ukraine": "to Ukraine", "to_russia": "to Russia"}


def breakdown_field_name(group: str, side: str) -> str:
    return f"breakdown_{group}_{side}"


BREAKDOWN_FIELD_NAMES = [
    breakdown_field_name(group, side) for group in BREAKDOWN_GROUPS for side in SIDES
]


def with_breakdown_fields(form_class: type) -> type:
    """The form class with a number field for each breakdown group and side.

    Declared on a subclass so Django's form metaclass (and the admin's
    fieldsets) see them as ordinary declared fields.
    """
    fields = {
        breakdown_field_name(group, side): forms.IntegerField(
            label=f"{group} {SIDE_LABELS[side]}", required=False, min_value=0
        )
        for group in BREAKDOWN_GROUPS
        for side in SIDES
    }
    return type(form_class.__name__, (form_class,), {"__module__": form_class.__module__, **fields})


class BreakdownFormBase(forms.ModelForm):
    """Reads and writes `Exchange.breakdown` through the per-group number fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        breakdown = self.instance.breakdown or {}
        for group in BREAKDOWN_GROUPS:
            for side in SIDES:
                name = breakdown_field_name(group, side)
                if name in self.fields:
                    self.fields[name].initial = (breakdown.get(group) or {}).get(side)

    def clean(self):
        data = super().clean()
        breakdown = {
            group: sides
            for group, sides in (self.instance.breakdown or {}).items()
            if group not in BREAKDOWN_GROUPS
        }
        for group in BREAKDOWN_GROUPS:
            sides = {
                side: data[breakdown_field_name(group, side)]
                for side in SIDES
                if data.get(breakdown_field_name(group, side)) is not None
            }
            if sides:
                breakdown[group] = sides
        data["breakdown"] = breakdown
        # Not a form field of its own: set here, compared with the stored row on save.
        self.instance.breakdown = breakdown
        return data


def clean_dates(form: forms.Form, data: dict) -> None:
    date, precision = data.get("date"), data.get("date_precision")
    if date is None and precision and precision != "unknown":
        form.add_error("date_precision", "An undated exchange has precision “unknown”.")
    if date is not None and precision == "unknown":
        form.add_error("date_precision", "Say how precise the date is.")
    end = data.get("end_date")
    if end is not None and (date is None or end < date):
        form.add_error("end_date", "The end date must be on or after the date.")


@with_breakdown_fields
class ExchangeForm(BreakdownFormBase):
    locked_fields = forms.MultipleChoiceField(
        choices=[(name, name.replace("_", " ")) for name in Exchange.EDITABLE_FIELDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Fields the pipeline never overwrites. Every field you change is "
        "locked when you save; untick one to hand it back to the pipeline.",
    )

    class Meta:
        model = Exchange
        fields = [
            *(name for name in Exchange.EDITABLE_FIELDS if name != "breakdown"),
            "verified",
            "needs_review",
            "review_reason",
            "notes",
            "locked_fields",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        restored = getattr(self.instance, "restored_mediator_ids", None)
        if restored is not None and not self.is_bound:
            self.initial["mediators"] = restored

    def clean(self):
        data = super().clean()
        clean_dates(self, data)
        return data


# What a review item lets an editor correct in place (the rest is on the full form).
CORRECTION_FIELDS = [
    "date",
    "date_precision",
    "kind",
    "status",
    "to_ukraine",
    "to_russia",
    "ordinal",
]


@with_breakdown_fields
class ReviewCorrectionForm(BreakdownFormBase):
    class Meta:
        model = Exchange
        fields = CORRECTION_FIELDS
        # ISO, as a date input reads and sends it whatever the site's locale.
        widgets = {"date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        clean_dates(self, data)
        return data
