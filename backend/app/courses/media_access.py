"""Registers the courses domain's say over media files: lesson audio and video may be played
by the course's enrolled students, its teacher and admins (see app.media.access)."""

from app.courses.service import lesson_media_check
from app.media.access import register_reader_check

register_reader_check(lesson_media_check)
