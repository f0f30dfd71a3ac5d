"""The export as one download: a zip with export.json, the user's media files and a short
Swedish read-me. Built in a temporary file (media can be large), never in memory."""

import asyncio
import base64
import ipaddress
import os
import tempfile
import uuid
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import orjson

from app.media import service as media
from app.media.storage import MediaStorage
from app.privacy import service
from app.privacy.service import UserExport

README = """Wisdom – dina personuppgifter
================================

Den här filen innehåller allt Wisdom (by SoulWisdom) har sparat om dig, hämtat {generated}.

export.json   Dina uppgifter, ordnade efter del av tjänsten ("sections"): profil, konto och
              inloggningar, kurser, seminarier, tjänster, beställningar och betalningar,
              bokningar, väggen, meddelanden, notiser, e-post vi skickat och loggen över
              viktiga händelser i ditt konto.
              "not_included" säger vad som medvetet inte är med och varför,
              "kept_after_account_deletion" vad som sparas om du raderar ditt konto.
media/        Filerna du laddat upp (profilbild, lektionsmaterial, dokument).

Radera kontot: i appen under Profil, eller DELETE /me med ditt lösenord. Bokföringsuppgifter
(beställningar och betalningar) sparas då utan namn och e-post i sju år efter räkenskapsåret,
som bokföringslagen kräver, och raderas sedan.
"""


def _json_default(value: Any) -> Any:
    if isinstance(value, uuid.UUID):  # asyncpg's own UUID subclass, which orjson does not know
        return str(value)
    if isinstance(value, ipaddress.IPv4Address | ipaddress.IPv6Address):
        return str(value)
    if isinstance(value, ipaddress.IPv4Network | ipaddress.IPv6Network):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def render_json(document: dict[str, Any]) -> bytes:
    return orjson.dumps(
        document, default=_json_default, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
    )


async def _copy_file(archive: zipfile.ZipFile, storage: MediaStorage, row: Any, path: str) -> None:
    def _open() -> IO[bytes]:
        # Media is mostly compressed already (JPEG, MP3, MP4): stored, not deflated.
        return archive.open(zipfile.ZipInfo(path), "w", force_zip64=True)

    handle = await asyncio.to_thread(_open)
    try:
        async for chunk in media.file_chunks(storage, row):
            await asyncio.to_thread(handle.write, chunk)
    finally:
        await asyncio.to_thread(handle.close)


async def write_archive(export: UserExport, storage: MediaStorage) -> Path:
    """The zip in a temporary file; the caller deletes it once it has been sent."""
    fd, name = tempfile.mkstemp(prefix="wisdom-export-", suffix=".zip")
    os.close(fd)
    path = Path(name)
    try:
        archive = await asyncio.to_thread(zipfile.ZipFile, path, "w", zipfile.ZIP_DEFLATED)
        try:
            generated = export.document["generated_at"]
            readme = README.format(generated=f"{generated:%Y-%m-%d %H:%M} UTC")
            await asyncio.to_thread(archive.writestr, "LÄS_MIG.txt", readme)
            body = render_json(export.document)
            await asyncio.to_thread(archive.writestr, "export.json", body)
            for row in export.media:
                await _copy_file(archive, storage, row, service.media_path(row))
        finally:
            await asyncio.to_thread(archive.close)
    except BaseException:
        await asyncio.to_thread(path.unlink, True)
        raise
    return path
