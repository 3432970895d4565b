from django.db.models import Max

from exchanges.models import Exchange


def site(request):
    """The footer's "data last updated"; one cheap aggregate query per page."""
    return {
        "data_updated_at": Exchange.objects.aggregate(latest=Max("updated_at"))["latest"],
    }
