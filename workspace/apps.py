from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "workspace"
    label = "workspace"
    verbose_name = "The factory's workspace"

    def ready(self) -> None:
        from workspace import receivers

        receivers.connect()
