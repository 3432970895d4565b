from django.shortcuts import get_object_or_404, render

from exchanges.models import Exchange, Mediator, Source


def timeline(request):
    exchanges = Exchange.objects.for_timeline()
    ctx = {
        "exchanges": exchanges,
        "awaiting_review": Exchange.objects.top_level().undated().count(),
    }
    return render(request, "exchanges/timeline.html", ctx)


def exchange_detail(request, pk: int):
    exchange = get_object_or_404(
        Exchange.objects.prefetch_related("mediators", "reports__source", "stages"), pk=pk
    )
    return render(request, "exchanges/exchange_detail.html", {"exchange": exchange})


def source_detail(request, pk: int):
    source = get_object_or_404(Source, pk=pk)
    return render(request, "exchanges/source_detail.html", {"source": source})


def mediator_detail(request, slug: str):
    mediator = get_object_or_404(Mediator, slug=slug)
    exchanges = mediator.exchanges.top_level().order_by("-date")
    return render(
        request, "exchanges/mediator_detail.html", {"mediator": mediator, "exchanges": exchanges}
    )
