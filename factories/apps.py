from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class FactoriesConfig(AppConfig):
    name = "factories"
    verbose_name = gettext_lazy("Programmes, factories and buyers")

    def ready(self) -> None:
        from factories import summaries

        summaries.connect()
