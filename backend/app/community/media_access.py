"""Registers the community domain's say over media files: a wall post's image may be loaded by
every member who can see the post (see app.media.access)."""

from app.community.service import wall_image_check
from app.media.access import register_reader_check

register_reader_check(wall_image_check)
