"""/api/: every data view answers 304 to a poller whose ETag still matches (freshness.py)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from exchanges.api import views
from exchanges.freshness import conditional

urlpatterns = [
    path("exchanges/", conditional(views.ExchangeList.as_view()), name="api_exchanges"),
    path("exchanges/<int:pk>/", conditional(views.ExchangeDetail.as_view()), name="api_exchange"),
    path("mediators/", conditional(views.MediatorList.as_view()), name="api_mediators"),
    path("sources/", conditional(views.SourceList.as_view()), name="api_sources"),
    path("totals/", conditional(views.Totals.as_view()), name="api_totals"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
]
