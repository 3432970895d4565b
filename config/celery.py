import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("pow_exchanges")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def load_extraction_rules(**_kwargs):
    """Compile the extraction rules once, before the pool forks, not in each first task."""
    import ingest.extraction.events  # noqa: F401
