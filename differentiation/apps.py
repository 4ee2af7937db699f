from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class DifferentiationConfig(AppConfig):
    name = "differentiation"
    verbose_name = gettext_lazy("Differentiation")

    def ready(self) -> None:
        from differentiation import receivers, summaries
        from factories.summaries import results_from

        receivers.connect()
        results_from(summaries.latest_results)
