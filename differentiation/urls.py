from django.urls import URLPattern

app_name = "differentiation"
urlpatterns: list[URLPattern] = []
