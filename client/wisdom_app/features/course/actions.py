"""A course's page: reading it (with what it takes to open it and the progress made),
enrolling in a free course, buying a paid one."""

import asyncio

from wisdom_app import texts
from wisdom_app.api import Json
from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.features.checkout import actions as checkout
from wisdom_app.features.home.actions import load_my_courses
from wisdom_app.state import AppState, Remote


async def load_course(state: AppState, page: Remote, course_id: str) -> None:
    await page.load(lambda: course_page(state, course_id))


async def course_page(state: AppState, course_id: str) -> Json:
    """The course, what it takes to open it, and the caller's progress when enrolled."""
    course, access = await asyncio.gather(state.api.course(course_id), state.api.course_access(course_id))
    progress = None
    if access.get("access") and access.get("role") == "enrolled":
        progress = await state.api.course_progress(course_id)
    return {"course": course, "access": access, "progress": progress}


async def enroll(state: AppState, course_id: str) -> bool:
    """Start a free course; False (and a message on screen) when it did not work."""
    try:
        await state.api.enroll(course_id)
        await load_my_courses(state)
    except ApiError as exc:
        show_message(exc.message)
        return False
    show_message(texts.ENROLLED)
    return True


async def buy_course(state: AppState, course: Json) -> None:
    """Order the course and open its checkout page in the browser."""
    try:
        order = await checkout.buy_course(state, course)
    except ApiError as exc:
        show_message(exc.message)
        return
    show_message(texts.pay_in_browser(order))
