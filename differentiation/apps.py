from django.apps import AppConfig


class DifferentiationConfig(AppConfig):
    name = "differentiation"
    verbose_name = "Differentiation"

    def ready(self) -> None:
        from differentiation import receivers

        receivers.connect()
