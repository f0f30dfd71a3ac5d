"""The signed-in user's own profile: GET /me and PATCH /me."""

from fastapi import APIRouter

from app.db import Conn
from app.profiles import service
from app.profiles.schemas import Profile, ProfileUpdate
from app.security import CurrentUser

router = APIRouter(tags=["profile"])


@router.get("/me", response_model=Profile)
async def get_me(conn: Conn, user: CurrentUser) -> Profile:
    return await service.get_profile(conn, user.id)


@router.patch("/me", response_model=Profile)
async def update_me(body: ProfileUpdate, conn: Conn, user: CurrentUser) -> Profile:
    return await service.update_profile(
        conn, user.id, display_name=body.display_name, bio=body.bio, locale=body.locale
    )
