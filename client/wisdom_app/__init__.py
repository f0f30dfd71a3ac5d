"""Wisdom (by SoulWisdom): the app for students and teachers, written with Flet."""
