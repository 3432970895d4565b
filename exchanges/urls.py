from django.urls import path

from exchanges import views
from exchanges.feeds import exchange_feed
from exchanges.freshness import conditional

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("totals/", views.totals, name="totals"),
    path("exchanges/", views.exchange_list, name="exchange_list"),
    path("exchanges.csv", views.exchanges_csv, name="exchanges_csv"),
    path("exchanges/<int:pk>/", views.exchange_detail, name="exchange_detail"),
    path("mediators/", views.mediator_list, name="mediator_list"),
    path("mediators/<slug:slug>/", views.mediator_detail, name="mediator_detail"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("feeds/exchanges.atom", conditional(exchange_feed), name="exchange_feed"),
    path("about/data/", views.about_data, name="about_data"),
]
