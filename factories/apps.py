from django.apps import AppConfig


class FactoriesConfig(AppConfig):
    name = "factories"
    verbose_name = "Programmes, factories and buyers"
