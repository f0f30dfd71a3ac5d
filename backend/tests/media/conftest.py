"""Media tests run against a media root of their own and a small upload limit."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from app.config import Settings
from tests.conftest import Account

MAX_BYTES = 64 * 1024


@pytest.fixture
def media_settings(app: FastAPI, settings: Settings, tmp_path: Path) -> Iterator[Settings]:
    """The app's settings for this test: files under tmp_path, at most MAX_BYTES each."""
    local = settings.model_copy(
        update={"media_root": tmp_path / "media", "media_max_bytes": MAX_BYTES}
    )
    original = app.state.settings
    app.state.settings = local
    yield local
    app.state.settings = original


def padded(head: bytes, size: int = 4096) -> bytes:
    """A file that starts with a format's signature, with recognisable filler after it."""
    body = bytes(i % 251 for i in range(size))
    return head + body[len(head) :]


MP3 = padded(b"ID3\x04\x00\x00\x00\x00\x00\x00")
MP4 = padded(b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2")
PNG = padded(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
PDF = padded(b"%PDF-1.7\n")
ELF = padded(b"\x7fELF\x02\x01\x01\x00")
PE = padded(b"MZ\x90\x00\x03\x00\x00\x00")


async def upload_file(
    client: httpx.AsyncClient, who: Account, name: str, content: bytes, purpose: str
) -> str:
    """POST /media as `who`; the new file's id (201 or the test fails)."""
    r = await client.post(
        "/media", files={"file": (name, content)}, data={"purpose": purpose}, headers=who.headers
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])
