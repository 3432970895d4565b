"""The "Editors" group: exactly the permissions correcting the records needs.

Editors view, add and change exchanges, sources, mediators and feeds; change
reports (split pins them); delete exchanges only because merging removes the
merged ones. Nobody in the group deletes a source, a report or a mediator, and
nobody manages users or groups. Creating or restoring history goes through the
models' own permissions; viewing history tables is granted for completeness.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"

PERMISSIONS = {
    "exchange": ["view", "add", "change", "delete"],
    "reviewitem": ["view", "change"],
    "report": ["view", "change"],
    "source": ["view", "add", "change"],
    "mediator": ["view", "add", "change"],
    "feed": ["view", "add", "change"],
    "mergerecord": ["view"],
    "historicalexchange": ["view"],
    "historicalsource": ["view"],
    "historicalmediator": ["view"],
    "historicalfeed": ["view"],
}


def create_editors(apps, schema_editor):
    # Permissions are normally created after migrate; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    permissions = list(
        Permission.objects.filter(content_type__app_label="exchanges", codename__in=codenames)
    )
    missing = set(codenames) - {p.codename for p in permissions}
    if missing:
        raise RuntimeError(f"Permissions not found: {sorted(missing)}")
    group.permissions.set(permissions)


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exchanges", "0003_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
