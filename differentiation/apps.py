from django.apps import AppConfig


class DifferentiationConfig(AppConfig):
    name = "differentiation"
    verbose_name = "Differentiation"
