from django.db.models import Count, Max

from exchanges.models import Exchange


def data_version(request) -> dict:
    """How many exchanges there are and when one last changed: one aggregate a request.

    The footer shows `latest`; cached page figures are keyed on both, so any
    write (a save bumps `updated_at`, a delete changes the count) refreshes them.
    """
    if not hasattr(request, "_data_version"):
        request._data_version = Exchange.objects.aggregate(
            count=Count("pk"), latest=Max("updated_at")
        )
    return request._data_version


def site(request):
    return {"data_updated_at": data_version(request)["latest"]}
