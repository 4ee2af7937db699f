from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class WorkspaceConfig(AppConfig):
    name = "workspace"
    label = "workspace"
    verbose_name = gettext_lazy("The factory's workspace")

    def ready(self) -> None:
        from workspace import receivers

        receivers.connect()
