"""Where media bytes live: a folder on local disk (the default) or an S3-compatible bucket when
S3_BUCKET is set. Rows in app.media_objects name the files by storage key; the stores know
nothing about rows."""

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import boto3
from botocore.config import Config as BotoConfig
from botocore.exceptions import ClientError

from app.config import Settings

CHUNK_BYTES = 64 * 1024
# Uploads are written here first (on the media root's file system, so publishing is a rename).
STAGING_DIR = ".incoming"


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    modified_at: datetime


class MediaStorage(Protocol):
    name: str

    def staging_dir(self) -> Path: ...

    async def save(self, key: str, staged: Path, content_type: str) -> None: ...

    def stream(self, key: str, start: int, end: int) -> AsyncIterator[bytes]: ...

    async def delete(self, key: str) -> None: ...

    async def list_objects(self) -> list[StoredObject]: ...


class LocalStorage:
    name = "local"

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root not in path.parents:
            raise ValueError(f"storage key outside the media root: {key}")
        return path

    def staging_dir(self) -> Path:
        path = self.root / STAGING_DIR
        path.mkdir(parents=True, exist_ok=True)
        return path

    async def save(self, key: str, staged: Path, content_type: str) -> None:
        target = self._path(key)

        def _move() -> None:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)

        await asyncio.to_thread(_move)

    async def stream(self, key: str, start: int, end: int) -> AsyncIterator[bytes]:
        """Bytes start..end (inclusive) of the file, in chunks read off the event loop."""
        handle = await asyncio.to_thread(self._path(key).open, "rb")
        try:
            await asyncio.to_thread(handle.seek, start)
            remaining = end - start + 1
            while remaining > 0:
                chunk = await asyncio.to_thread(handle.read, min(CHUNK_BYTES, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
                yield chunk
        finally:
            await asyncio.to_thread(handle.close)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._path(key).unlink, True)

    def _walk(self) -> list[StoredObject]:
        found: list[StoredObject] = []
        if not self.root.exists():
            return found
        for path in self.root.rglob("*"):
            relative = path.relative_to(self.root)
            if not path.is_file() or relative.parts[0] == STAGING_DIR:
                continue
            stat = path.stat()
            found.append(
                StoredObject(
                    relative.as_posix(), stat.st_size, datetime.fromtimestamp(stat.st_mtime, UTC)
                )
            )
        return found

    async def list_objects(self) -> list[StoredObject]:
        return await asyncio.to_thread(self._walk)


class S3Storage:
    """Any S3-compatible store (AWS, MinIO, Cloudflare R2, ...) through boto3."""

    name = "s3"

    def __init__(self, settings: Settings) -> None:
        self.bucket = settings.s3_bucket
        self.client: Any = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url or None,
            aws_access_key_id=settings.s3_access_key_id or None,
            aws_secret_access_key=settings.s3_secret_access_key or None,
            region_name=settings.s3_region or None,
            config=BotoConfig(s3={"addressing_style": "path"}, retries={"max_attempts": 3}),
        )
        self._staging = settings.media_root / STAGING_DIR

    def staging_dir(self) -> Path:
        self._staging.mkdir(parents=True, exist_ok=True)
        return self._staging

    async def save(self, key: str, staged: Path, content_type: str) -> None:
        await asyncio.to_thread(
            self.client.upload_file,
            str(staged),
            self.bucket,
            key,
            ExtraArgs={"ContentType": content_type},
        )
        await asyncio.to_thread(staged.unlink, True)

    async def stream(self, key: str, start: int, end: int) -> AsyncIterator[bytes]:
        response = await asyncio.to_thread(
            self.client.get_object, Bucket=self.bucket, Key=key, Range=f"bytes={start}-{end}"
        )
        body = response["Body"]
        chunks: Iterator[bytes] = body.iter_chunks(CHUNK_BYTES)
        try:
            while True:
                chunk = await asyncio.to_thread(next, chunks, b"")
                if not chunk:
                    break
                yield chunk
        finally:
            body.close()

    async def delete(self, key: str) -> None:
        try:
            await asyncio.to_thread(self.client.delete_object, Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") not in ("NoSuchKey", "404"):
                raise

    def _list(self) -> list[StoredObject]:
        found: list[StoredObject] = []
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket):
            for item in page.get("Contents", []):
                found.append(StoredObject(item["Key"], item["Size"], item["LastModified"]))
        return found

    async def list_objects(self) -> list[StoredObject]:
        return await asyncio.to_thread(self._list)


_stores: dict[tuple[str, ...], MediaStorage] = {}


def get_storage(settings: Settings) -> MediaStorage:
    """The store the settings ask for (one client per configuration, reused)."""
    if settings.s3_bucket:
        key: tuple[str, ...] = (
            "s3",
            settings.s3_endpoint_url,
            settings.s3_bucket,
            settings.s3_access_key_id,
            settings.s3_region,
            str(settings.media_root),
        )
        if key not in _stores:
            _stores[key] = S3Storage(settings)
        return _stores[key]
    key = ("local", str(settings.media_root))
    if key not in _stores:
        _stores[key] = LocalStorage(settings.media_root)
    return _stores[key]
