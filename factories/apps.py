from django.apps import AppConfig


class FactoriesConfig(AppConfig):
    name = "factories"
    verbose_name = "Programmes, factories and buyers"

    def ready(self) -> None:
        from factories import summaries

        summaries.connect()
