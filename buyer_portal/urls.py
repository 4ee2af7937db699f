from django.urls import URLPattern

app_name = "buyer_portal"
urlpatterns: list[URLPattern] = []
