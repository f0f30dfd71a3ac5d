"""Seminars (moving here from screens/seminars.py)."""

from wisdom_app.screens.seminars import SeminarsScreen

__all__ = ["SeminarsScreen"]
