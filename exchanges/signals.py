"""Writes that the public pages show: bump the data version, keep the mediator figures.

Connected in `ExchangesConfig.ready()`. Every model save and delete passes
here, the admin's and the ingest's alike. The version is bumped *before* the
write (pre_save, pre_delete, pre_add...): its row lock is then the first lock a
writing transaction takes, before any row of the tables it guards, so two
writers cannot each hold what the other waits for (versions.py).
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from exchanges.mediator_figures import COUNTED_FIELDS, counted_values, mediator_years_refresh
from exchanges.models import Checkpoint, Exchange, Mediator, Report, Source
from exchanges.versions import data_changed

SHOWN = (Exchange, Report, Source, Mediator, Checkpoint)
LINKS = Exchange.mediators.through


def _bump(sender, **kwargs) -> None:
    data_changed()


def _mediator_ids(exchange: Exchange) -> list[int]:
    return list(LINKS.objects.filter(exchange_id=exchange.pk).values_list("mediator_id", flat=True))


def _exchange_saved(sender, instance: Exchange, created: bool, **kwargs) -> None:
    before = getattr(instance, "_counted_before", None)
    now = instance._counted_before = counted_values(instance)
    # A new record has no mediators yet: they are added after it is saved.
    if created or (before is not None and before == now and len(now) == len(COUNTED_FIELDS)):
        return
    mediator_years_refresh(_mediator_ids(instance))


def _exchange_deleting(sender, instance: Exchange, **kwargs) -> None:
    data_changed()
    # Its links go with it, before post_delete: remember whose figures change.
    instance._mediator_ids_before_delete = _mediator_ids(instance)


def _exchange_deleted(sender, instance: Exchange, **kwargs) -> None:
    mediator_years_refresh(getattr(instance, "_mediator_ids_before_delete", ()))


def _mediators_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """exchange.mediators.add/remove/set/clear, and mediator.exchanges.… the other way."""
    if action.startswith("pre_"):
        data_changed()
        if action == "pre_clear":
            # clear() passes no pk_set: the mediators (or one mediator) losing links.
            instance._mediators_before_clear = [instance.pk] if reverse else _mediator_ids(instance)
        return
    if action == "post_clear":
        mediator_years_refresh(instance._mediators_before_clear)
    else:
        mediator_years_refresh([instance.pk] if reverse else pk_set or ())


def connect() -> None:
    for model in SHOWN:
        pre_save.connect(_bump, sender=model, dispatch_uid=f"data_version_save_{model.__name__}")
        if model is not Exchange:
            pre_delete.connect(
                _bump, sender=model, dispatch_uid=f"data_version_delete_{model.__name__}"
            )
    pre_delete.connect(_exchange_deleting, sender=Exchange, dispatch_uid="exchange_deleting")
    post_delete.connect(_exchange_deleted, sender=Exchange, dispatch_uid="exchange_deleted")
    post_save.connect(_exchange_saved, sender=Exchange, dispatch_uid="exchange_saved")
    m2m_changed.connect(_mediators_changed, sender=LINKS, dispatch_uid="exchange_mediators")
