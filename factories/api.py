from django.urls import URLPattern
from rest_framework.routers import DefaultRouter

urlpatterns: list[URLPattern] = []


def register(router: DefaultRouter) -> None:
    """Add this app's viewsets to /api/v1/."""
