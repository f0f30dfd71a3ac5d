"""Cover pictures for the demo courses, services and seminars (`make seed`), so that a new user
sees a living catalogue. The PNGs in demo_covers/ were drawn for this project (see the NOTE
there). Idempotent: fixed ids and storage keys; a cover is set only where none is."""

import hashlib
import shutil
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from app.db import Connection
from app.media.storage import MediaStorage

COVERS_DIR = Path(__file__).with_name("demo_covers")

# (table, demo key of the item = the picture's file name, owner)
DEMO_COVERS = [
    ("courses", "intro-meditation", "astrid"),
    ("courses", "yin-yoga", "astrid"),
    ("courses", "tarot-grund", "johan"),
    ("services", "tarot-60", "johan"),
    ("services", "coaching-45", "johan"),
    ("services", "yoga-privat", "astrid"),
    ("seminars", "fullmane", "astrid"),
    ("seminars", "tarot-live", "johan"),
]
# Fixed statements per table (never built from input).
_SET_COVER = {
    table: f"UPDATE app.{table} SET cover_media_id = $1 WHERE id = $2 AND cover_media_id IS NULL"  # noqa: S608
    for table in ("courses", "services", "seminars")
}


async def _store(storage: MediaStorage, key: str, picture: Path) -> None:
    """Copy the picture into the store (again on each seed: a new media root gets it too)."""
    with (
        tempfile.NamedTemporaryFile(dir=storage.staging_dir(), delete=False) as staged,
        picture.open("rb") as source,
    ):
        shutil.copyfileobj(source, staged)
    await storage.save(key, Path(staged.name), "image/png")


async def seed_covers(
    conn: Connection, demo_id: Callable[[str], uuid.UUID], storage: MediaStorage
) -> None:
    for table, key, owner in DEMO_COVERS:
        picture = COVERS_DIR / f"{key}.png"
        media_id = demo_id(f"cover/{key}")
        storage_key = f"cover/demo/{key}.png"
        await _store(storage, storage_key, picture)
        content = picture.read_bytes()
        await conn.execute(
            """INSERT INTO app.media_objects (id, owner_id, purpose, storage_key, content_type,
                                              size_bytes, sha256, original_name)
               VALUES ($1, $2, 'cover', $3, 'image/png', $4, $5, $6) ON CONFLICT DO NOTHING""",
            media_id,
            demo_id(owner),
            storage_key,
            len(content),
            hashlib.sha256(content).hexdigest(),
            f"{key}.png",
        )
        await conn.execute(_SET_COVER[table], media_id, demo_id(key))
