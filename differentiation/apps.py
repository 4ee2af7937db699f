from django.apps import AppConfig


class DifferentiationConfig(AppConfig):
    name = "differentiation"
    verbose_name = "Differentiation"

    def ready(self) -> None:
        from differentiation import receivers, summaries
        from factories.summaries import results_from

        receivers.connect()
        results_from(summaries.latest_results)
