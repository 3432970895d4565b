"""Failed-login limits for the admin, kept by django-axes in the database.

Two limits over the same 15 minutes: 5 failures for one username from one
address lock that pair (guessing one editor's password), and 20 failures from
one address over any usernames lock the address (spraying). Counting in the
database (axes' database handler) holds across every web process without a
shared cache. Unlocking: README, "Operations".
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum

# The order of settings.AXES_LOCKOUT_PARAMETERS: the pair first, then the address.
PAIR, ADDRESS = 0, 1


class PairAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for the address alone.

    Axes holds one limit (AXES_FAILURE_LIMIT, the pair's) against the largest
    count of its lockout parameters; the address's count is scaled to that
    limit, so that it reaches it exactly when it reaches its own.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        pair_limit = settings.AXES_FAILURE_LIMIT
        return max(pair, address * pair_limit // settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """A successful login forgives that user's failures, not the whole address's."""
        count, _ = self.filter_user_attempts(request, credentials)[PAIR].delete()
        return count
