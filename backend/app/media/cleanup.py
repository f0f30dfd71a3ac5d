"""`python -m app.cli media-cleanup [--apply]`: remove stored files that no media row
references (uploads whose transaction rolled back, files of deleted rows whose removal failed).
A dry run by default: it prints what it would remove."""

from collections.abc import Callable
from datetime import timedelta

from app.db import Connection
from app.media import service
from app.media.schemas import CleanupCandidate
from app.media.storage import MediaStorage


async def run_cleanup(
    conn: Connection,
    storage: MediaStorage,
    *,
    apply: bool,
    min_age: timedelta,
    out: Callable[[str], None] = print,
) -> list[CleanupCandidate]:
    orphans = await service.unreferenced_files(conn, storage, min_age)
    verb = "removing" if apply else "would remove"
    for item in orphans:
        out(f"{verb} {item.key} ({item.size} bytes, {item.modified_at:%Y-%m-%d %H:%M})")
    total = sum(o.size for o in orphans)
    if apply:
        await service.remove_files(storage, [o.key for o in orphans])
        out(f"media-cleanup: removed {len(orphans)} files ({total} bytes) from {storage.name}")
    else:
        out(
            f"media-cleanup: {len(orphans)} unreferenced files ({total} bytes) in {storage.name}; "
            "dry run, run again with --apply to remove them"
        )
    return orphans
