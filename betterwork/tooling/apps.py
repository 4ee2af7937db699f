from django.apps import AppConfig


class ToolingConfig(AppConfig):
    """Installed so that `manage.py seed_demo` and `manage.py benchmark` are found."""

    name = "betterwork.tooling"
    label = "tooling"
