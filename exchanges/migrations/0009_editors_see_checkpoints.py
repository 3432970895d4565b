"""Editors see and correct official checkpoints (the totals our count is held against)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_checkpoint", "add_checkpoint", "change_checkpoint"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="exchanges", codename__in=CODENAMES
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Editors").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="exchanges", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [("exchanges", "0008_curated_records_and_checkpoints")]

    operations = [migrations.RunPython(grant, revoke)]
