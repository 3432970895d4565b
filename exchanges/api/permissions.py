from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOnly(BasePermission):
    """Anyone may read; nobody writes through the API (editors use admin)."""

    message = "The API is read-only."

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS
