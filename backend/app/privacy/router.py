"""GDPR self-service: GET /me/export (one zip download) and DELETE /me."""

import os
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Response
from fastapi.responses import FileResponse

from app.db import Conn
from app.privacy import archive, service
from app.privacy.schemas import AccountDeletion
from app.ratelimit import RateLimiter, get_rate_limiter
from app.security import AppSettings, CurrentUser

router = APIRouter(tags=["privacy"])
Limiter = Annotated[RateLimiter, Depends(get_rate_limiter)]


@router.get(
    "/me/export",
    response_class=FileResponse,
    responses={
        200: {
            "content": {"application/zip": {}},
            "description": "A zip: export.json (every row about the user), media/ (their "
            "files) and LÄS_MIG.txt",
        },
        429: {"description": "Rate limited (PRIVACY_EXPORT_RATE_LIMIT)"},
    },
)
async def export_me(
    conn: Conn, user: CurrentUser, settings: AppSettings, limiter: Limiter
) -> FileResponse:
    export = await service.collect_export(conn, settings, limiter, user)
    path = await archive.write_archive(export, service.media_store(settings))
    tasks = BackgroundTasks()
    tasks.add_task(os.unlink, path)
    return FileResponse(
        path,
        media_type="application/zip",
        filename=f"wisdom-export-{datetime.now(UTC):%Y%m%d}.zip",
        headers={"Cache-Control": "no-store"},
        background=tasks,
    )


@router.delete(
    "/me",
    status_code=204,
    responses={
        400: {"description": "wrong_password"},
        409: {"description": "account_has_obligations: what to settle first, in `blockers`"},
    },
)
async def delete_me(
    body: AccountDeletion,
    conn: Conn,
    user: CurrentUser,
    settings: AppSettings,
    limiter: Limiter,
    tasks: BackgroundTasks,
) -> Response:
    keys = await service.delete_account(conn, settings, limiter, user, body.password)
    # Background tasks run after the response, i.e. after the transaction has committed.
    tasks.add_task(service.remove_files, service.media_store(settings), keys)
    return Response(status_code=204)
