from django.urls import path

from exchanges import views

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("exchanges/<int:pk>/", views.exchange_detail, name="exchange_detail"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("mediators/<slug:slug>/", views.mediator_detail, name="mediator_detail"),
]
