"""Wisdom API (by SoulWisdom)."""
