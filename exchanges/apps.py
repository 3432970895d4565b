from django.apps import AppConfig


class ExchangesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "exchanges"

    def ready(self):
        # Connects the failed-login counters (see exchanges.throttle).
        from exchanges import throttle  # noqa: F401
