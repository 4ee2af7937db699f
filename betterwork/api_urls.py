"""All of /api/v1/: each app registers its routes here."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from assessments import api as assessments_api
from betterwork import token_api
from buyer_portal import api as buyer_portal_api
from differentiation import api as differentiation_api
from factories import api as factories_api

router = DefaultRouter()
for module in (factories_api, assessments_api, differentiation_api, buyer_portal_api):
    module.register(router)

urlpatterns: list[URLPattern | URLResolver] = [
    path("auth/token/", token_api.ObtainTokenView.as_view(), name="api-token"),
    path("auth/tokens/", token_api.TokenListView.as_view(), name="api-tokens"),
    path("auth/tokens/<slug:token>/", token_api.TokenRevokeView.as_view(), name="api-token-revoke"),
    *factories_api.urlpatterns,
    *assessments_api.urlpatterns,
    *differentiation_api.urlpatterns,
    *buyer_portal_api.urlpatterns,
    path("", include(router.urls)),
]
