from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class ClientRateThrottle(AnonRateThrottle):
    """Requests per client address (settings.API_RATE_LIMIT), counted in the default cache.

    The rate is read per request rather than at import, so a deployment (or a
    test) can change it through settings.
    """

    scope = "api"

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT
