from django.urls import URLPattern

app_name = "factories"
urlpatterns: list[URLPattern] = []
