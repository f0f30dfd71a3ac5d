"""The S3 store, against a local S3-compatible server (moto's, over HTTP on 127.0.0.1): upload,
range requests, delete and cleanup go through boto3 exactly as with a real bucket."""

import secrets
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import asyncpg
import boto3
import httpx
import pytest
from fastapi import FastAPI
from moto.server import ThreadedMotoServer

from app.config import Settings
from app.media.cleanup import run_cleanup
from app.media.storage import S3Storage, get_storage
from tests.conftest import MakeUser
from tests.media.conftest import ELF, MP3

REGION = "eu-north-1"


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_settings(
    app: FastAPI, settings: Settings, s3_endpoint: str, tmp_path: Any
) -> Iterator[Settings]:
    bucket = f"wisdom-{secrets.token_hex(4)}"
    local = settings.model_copy(
        update={
            "media_root": tmp_path / "media",
            "media_max_bytes": 64 * 1024,
            "s3_endpoint_url": s3_endpoint,
            "s3_bucket": bucket,
            "s3_access_key_id": "test-key",
            "s3_secret_access_key": "test-secret",
            "s3_region": REGION,
        }
    )
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
        region_name=REGION,
    )
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    original = app.state.settings
    app.state.settings = local
    yield local
    app.state.settings = original


def bucket_keys(settings: Settings) -> list[str]:
    storage = get_storage(settings)
    assert isinstance(storage, S3Storage)
    return sorted(
        o["Key"]
        for o in storage.client.list_objects_v2(Bucket=settings.s3_bucket).get("Contents", [])
    )


async def test_s3_upload_range_and_delete(
    client: httpx.AsyncClient, make_user: MakeUser, s3_settings: Settings, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    assert get_storage(s3_settings).name == "s3"
    r = await client.post(
        "/media", files={"file": ("andning.mp3", MP3, "audio/mpeg")}, headers=teacher.headers
    )
    assert r.status_code == 201, r.text
    media = r.json()
    key = await db.fetchval("SELECT storage_key FROM app.media_objects WHERE id = $1", media["id"])
    assert bucket_keys(s3_settings) == [key]
    assert list((s3_settings.media_root / ".incoming").iterdir()) == []  # staging emptied

    r = await client.get(media["url"], headers={**teacher.headers, "Range": "bytes=100-199"})
    assert r.status_code == 206 and r.content == MP3[100:200]
    assert r.headers["content-range"] == f"bytes 100-199/{len(MP3)}"
    r = await client.get(media["url"], headers=teacher.headers)
    assert r.status_code == 200 and r.content == MP3

    r = await client.post(
        "/media", files={"file": ("låt.mp3", ELF, "audio/mpeg")}, headers=teacher.headers
    )
    assert r.status_code == 415
    assert bucket_keys(s3_settings) == [key]

    assert (await client.delete(media["url"], headers=teacher.headers)).status_code == 204
    assert bucket_keys(s3_settings) == []


async def test_s3_cleanup_removes_unreferenced_objects(
    client: httpx.AsyncClient, make_user: MakeUser, s3_settings: Settings, db: asyncpg.Connection
) -> None:
    teacher = await make_user("teacher")
    kept = (
        await client.post(
            "/media", files={"file": ("a.mp3", MP3, "audio/mpeg")}, headers=teacher.headers
        )
    ).json()
    storage = get_storage(s3_settings)
    assert isinstance(storage, S3Storage)
    storage.client.put_object(
        Bucket=s3_settings.s3_bucket, Key="lesson/2020/01/orphan.mp3", Body=MP3
    )
    lines: list[str] = []
    found = await run_cleanup(db, storage, apply=False, min_age=timedelta(0), out=lines.append)
    assert [f.key for f in found] == ["lesson/2020/01/orphan.mp3"]
    assert "would remove lesson/2020/01/orphan.mp3" in lines[0]
    assert len(bucket_keys(s3_settings)) == 2
    await run_cleanup(db, storage, apply=True, min_age=timedelta(0), out=lines.append)
    key = await db.fetchval("SELECT storage_key FROM app.media_objects WHERE id = $1", kept["id"])
    assert bucket_keys(s3_settings) == [key]
