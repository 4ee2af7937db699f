from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class BuyerPortalConfig(AppConfig):
    name = "buyer_portal"
    verbose_name = gettext_lazy("Buyer portal")
