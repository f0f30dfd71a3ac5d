"""Media endpoints: upload (POST /media, PUT /me/avatar), range-aware download and delete.

Uploads stream into a staging file before any database work: the caller is authenticated on a
connection held only for that check, and the row is written in a short transaction afterwards,
so a slow upload never holds a pooled connection or an open transaction.
"""

import uuid
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, BackgroundTasks, Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.responses import StreamingResponse

from app.bodylimit import own_body_limit
from app.db import Conn, get_pool
from app.media import service
from app.media.ranges import parse_range
from app.media.schemas import MediaObject
from app.media.storage import MediaStorage, get_storage
from app.media.upload import StagedUpload, receive_upload
from app.security import (
    AppSettings,
    AuthUser,
    CurrentUser,
    OptionalUser,
    caller_of,
    get_current_user,
)

router = APIRouter(tags=["media"])
_bearer = HTTPBearer(auto_error=False, description="Access token from POST /auth/login")

_MULTIPART_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "purpose": {"type": "string", "enum": ["lesson", "other"]},
                    },
                }
            }
        },
    }
}


async def uploading_user(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> AuthUser:
    async with get_pool(request).acquire() as conn:
        return await get_current_user(await caller_of(request, conn))


Uploader = Annotated[AuthUser, Depends(uploading_user)]


async def media_storage(settings: AppSettings) -> MediaStorage:
    return get_storage(settings)


Storage = Annotated[MediaStorage, Depends(media_storage)]


async def _receive(request: Request, settings: AppSettings, storage: MediaStorage) -> StagedUpload:
    own_body_limit(request)  # MEDIA_MAX_BYTES applies instead, while the file streams in
    return await receive_upload(
        request.stream(),
        content_type=request.headers.get("content-type"),
        content_length=request.headers.get("content-length"),
        staging_dir=storage.staging_dir(),
        max_bytes=settings.media_max_bytes,
        allowed_types=settings.media_allowed_types,
    )


@router.post("/media", status_code=201, response_model=MediaObject, openapi_extra=_MULTIPART_BODY)
async def upload_media(
    request: Request, user: Uploader, settings: AppSettings, storage: Storage
) -> MediaObject:
    purpose = request.query_params.get("purpose")
    if purpose is not None:
        service.check_purpose(user, purpose)
    staged = await _receive(request, settings, storage)
    purpose = purpose or staged.fields.get("purpose") or "lesson"
    try:
        service.check_purpose(user, purpose)
    except BaseException:
        staged.discard()
        raise
    async with get_pool(request).acquire() as conn, conn.transaction():
        return await service.store_upload(conn, storage, user.id, purpose, staged)


@router.put("/me/avatar", response_model=MediaObject, openapi_extra=_MULTIPART_BODY)
async def put_avatar(
    request: Request, user: Uploader, settings: AppSettings, storage: Storage
) -> MediaObject:
    staged = await _receive(request, settings, storage)
    async with get_pool(request).acquire() as conn, conn.transaction():
        media, old_key = await service.replace_avatar(conn, storage, user, staged)
    if old_key is not None:
        await storage.delete(old_key)
    return media


@router.get(
    "/media/{media_id}",
    response_class=Response,
    responses={
        200: {"description": "The whole file"},
        206: {"description": "The requested byte range"},
        416: {"description": "The range starts past the end of the file"},
    },
)
async def download_media(
    media_id: uuid.UUID, request: Request, conn: Conn, user: OptionalUser, storage: Storage
) -> Response:
    row = await service.readable_media(conn, media_id, user)
    size: int = row["size_bytes"]
    byte_range = parse_range(request.headers.get("range"), size)
    start, end = byte_range if byte_range is not None else (0, size - 1)
    public = row["purpose"] in service.PUBLIC_PURPOSES
    headers = {
        "Accept-Ranges": "bytes",
        "Content-Length": str(end - start + 1),
        "ETag": f'"{row["sha256"]}"',
        "Cache-Control": "public, max-age=86400" if public else "private, max-age=3600",
        "Content-Disposition": f"inline; filename*=UTF-8''{quote(row['original_name'] or str(media_id))}",
        # The type was decided from the file's bytes; a browser must not guess another (a PNG
        # that is also valid HTML would otherwise run as a page on the API's origin).
        "X-Content-Type-Options": "nosniff",
    }
    if public:
        # Public pictures (avatars, covers) are drawn by web apps of any origin: a Flutter web
        # build loads images with XHR, which CORS would refuse from an origin not configured.
        headers["Access-Control-Allow-Origin"] = "*"
    if byte_range is not None:
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    return StreamingResponse(
        storage.stream(row["storage_key"], start, end),
        status_code=206 if byte_range is not None else 200,
        media_type=row["content_type"],
        headers=headers,
    )


@router.delete("/media/{media_id}", status_code=204)
async def delete_media(
    media_id: uuid.UUID, conn: Conn, user: CurrentUser, storage: Storage, tasks: BackgroundTasks
) -> Response:
    key = await service.delete_media(conn, media_id, user)
    # Background tasks run after the response, i.e. after the transaction has committed.
    tasks.add_task(storage.delete, key)
    return Response(status_code=204)
