"""Moved to wisdom_app.features.home; kept only until screens/bookings.py imports order_status
from its new place."""

from wisdom_app.features.home.services_view import order_status

__all__ = ["order_status"]
