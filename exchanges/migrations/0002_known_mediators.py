"""Create the mediators known to have facilitated exchanges, with their first aliases.

0012 adds the aliases the extractor had learned since; from then on the
database is the one list, edited in admin."""

from django.db import migrations

KNOWN = [
    ("UAE", "uae", "state", ["United Arab Emirates", "Emirates", "Emirati", "Abu Dhabi"]),
    ("Turkey", "turkey", "state", ["Türkiye", "Turkiye", "Turkish", "Ankara"]),
    ("Qatar", "qatar", "state", ["Qatari", "Doha"]),
    ("Saudi Arabia", "saudi-arabia", "state", ["Saudi", "Riyadh"]),
    ("Vatican", "vatican", "religious", ["Holy See", "Pope"]),
    ("USA", "usa", "state", ["United States", "U.S.", "US", "Washington", "American"]),
    ("ICRC", "icrc", "international",
     ["International Committee of the Red Cross", "Red Cross"]),
]


def create_mediators(apps, schema_editor):
    Mediator = apps.get_model("exchanges", "Mediator")
    for name, slug, kind, aliases in KNOWN:
        Mediator.objects.get_or_create(
            name=name, defaults={"slug": slug, "kind": kind, "aliases": aliases}
        )


def remove_mediators(apps, schema_editor):
    Mediator = apps.get_model("exchanges", "Mediator")
    Mediator.objects.filter(name__in=[name for name, *_ in KNOWN], exchanges=None).delete()


class Migration(migrations.Migration):
    dependencies = [("exchanges", "0001_initial")]

    operations = [migrations.RunPython(create_mediators, remove_mediators)]
