"""Platform settings: the public free-course limit and the admin's view and change."""

from fastapi import APIRouter

from app.appconfig import service
from app.appconfig.schemas import ConfigList, ConfigPatch, FreeCourseLimit
from app.db import Conn
from app.security import AdminUser

router = APIRouter(tags=["config"])


@router.get("/config/free-course-limit", response_model=FreeCourseLimit)
async def free_course_limit(conn: Conn) -> FreeCourseLimit:
    return FreeCourseLimit(free_course_limit=await service.get_int(conn, "free_course_limit"))


@router.get("/admin/config", response_model=ConfigList)
async def list_config(conn: Conn, _: AdminUser) -> ConfigList:
    return ConfigList(items=await service.list_entries(conn))


@router.patch("/admin/config", response_model=ConfigList)
async def update_config(body: ConfigPatch, conn: Conn, admin: AdminUser) -> ConfigList:
    await service.update_entries(conn, body.values, admin.id)
    return ConfigList(items=await service.list_entries(conn))
