"""Booking a service, my bookings, moving a booking (moving here from screens/bookings.py)."""

from wisdom_app.screens.bookings import BookingsScreen, BookServiceScreen, RescheduleScreen

__all__ = ["BookServiceScreen", "BookingsScreen", "RescheduleScreen"]
