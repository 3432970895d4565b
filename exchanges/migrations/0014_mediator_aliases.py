"""Store every alias the extractor knew in the database, once.

Until now the pipeline added the extractor's built-in aliases to the database's
at every ingest, so an alias an editor removed came back, and the list the
0002 migration wrote had drifted from the built-in one. From here on the
database is the one list: editors add and remove aliases in admin. Each known
mediator keeps the aliases it has and gains those it lacked; a mediator an
editor deleted is not brought back. The list is written out here, as it stood,
so this migration never changes with the code.
"""

from django.db import migrations

ALIASES = {
    "UAE": [
        "United Arab Emirates",
        "Emirates",
        "Emirati",
        "Abu Dhabi",
        "ОАЕ",
        "Об'єднаних Арабських Еміратів",
        "Емірати",
        "ОАЭ",
        "Объединенных Арабских Эмиратов",
        "Эмираты",
        "Mohamed bin Zayed",
        "Mohammed bin Zayed",
        "bin Zayed",
    ],
    "Turkey": [
        "Türkiye",
        "Turkiye",
        "Turkish",
        "Ankara",
        "Туреччина",
        "Туреччини",
        "Турция",
        "Турции",
        "Erdogan",
        "Erdoğan",
        "Ердоган",
        "Ердогану",
        "Эрдоган",
        "Эрдогану",
    ],
    "Qatar": ["Qatari", "Doha", "Катар", "Катару", "Al Thani"],
    "Saudi Arabia": [
        "Saudi",
        "Riyadh",
        "Саудівська Аравія",
        "Саудівської Аравії",
        "Саудовская Аравия",
        "Саудовской Аравии",
        "bin Salman",
    ],
    "Vatican": ["Holy See", "Pope", "Pope Leo", "Pope Francis", "Ватикан", "Ватикану", "Ватикана"],
    "USA": ["United States", "U.S.", "US", "Washington", "American", "Witkoff", "США"],
    "ICRC": [
        "International Committee of the Red Cross",
        "Red Cross",
        "МКЧХ",
        "Червоного Хреста",
        "МККК",
        "Красного Креста",
    ],
}


def add_aliases(apps, schema_editor):
    Mediator = apps.get_model("exchanges", "Mediator")
    for mediator in Mediator.objects.filter(name__in=ALIASES):
        merged = list(dict.fromkeys([*(mediator.aliases or []), *ALIASES[mediator.name]]))
        if merged != mediator.aliases:
            mediator.aliases = merged
            mediator.save(update_fields=["aliases"])


class Migration(migrations.Migration):
    dependencies = [("exchanges", "0013_exchange_top_newest_index")]

    # Going back leaves the aliases: which of them an editor meant to keep is not known.
    operations = [migrations.RunPython(add_aliases, migrations.RunPython.noop)]
