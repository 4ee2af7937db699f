from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic.base import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from betterwork import help as help_pages
from betterwork import views
from betterwork.api_urls import urlpatterns as api_urlpatterns
from factories import urls as factories_urls
from factories.languages import set_language
from workspace import urls as workspace_urls

# One namespace, `factories`, for the factory list and the factory's workspace under /factories/.
FACTORY_PAGES = (factories_urls.urlpatterns + workspace_urls.urlpatterns, factories_urls.app_name)

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("help/", help_pages.help_index, name="help"),
    *(
        path(f"help/{slug}/", help_pages.help_page(role), name=help_pages.url_name(role))
        for role, slug in help_pages.SLUGS.items()
    ),
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True),
        name="favicon",
    ),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_urlpatterns)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("factories/", include(FACTORY_PAGES)),
    path("assessments/", include("assessments.urls")),
    path("differentiation/", include("differentiation.urls")),
    path("buyers/", include("buyer_portal.urls")),
]
