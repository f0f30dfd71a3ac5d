"""Covers reach every card of a course: HOME's "Mina kurser" (taking and teaching), the
teacher's page and the studio's lists, each with the address the picture is served at (checked
against the running API: the picture there is the one uploaded)."""

import secrets
from pathlib import Path

from tests.support.api_server import DEMO_PASSWORD, ApiServer
from wisdom_app.api import ApiClient
from wisdom_app.features.home import actions as home
from wisdom_app.features.studio import actions as studio
from wisdom_app.features.teachers import actions as teachers
from wisdom_app.state import AppState
from wisdom_app.storage import MemorySettings, MemoryTokenStore

PICTURE = Path(__file__).resolve().parents[2] / "backend" / "app" / "media" / "demo_covers" / "yin-yoga.png"


async def signed_in(api_server: ApiServer, who: ApiClient) -> AppState:
    state = AppState(
        api_url=api_server.url, tokens=MemoryTokenStore(), settings=MemorySettings(), open_url=lambda url: None
    )
    await state.api.login(str((await who.me())["email"]), DEMO_PASSWORD)
    state.profile = await state.api.me()
    return state


async def test_a_course_cover_shows_on_home_the_teacher_page_and_the_studio(
    api_server: ApiServer, new_teacher: ApiClient, new_student: ApiClient
) -> None:
    teacher = new_teacher
    course = await teacher.create_course({"title": f"Omslag överallt {secrets.token_hex(2)}"})
    course_id = str(course["id"])
    module = await teacher.create_module(course_id, "Början")
    await teacher.create_lesson(str(module["id"]), "Första")
    picture = await teacher.upload_media(PICTURE.name, PICTURE.read_bytes(), "image/png", purpose="cover")
    await teacher.set_cover("courses", course_id, str(picture["id"]))
    await teacher.publish_course(course_id)
    await new_student.enroll(course_id)
    served = teacher.media_link(str(picture["id"]))

    student_state = await signed_in(api_server, new_student)
    [taking] = await home._my_courses(student_state)
    assert taking["course"]["id"] == course_id and taking["cover_url"] == served

    teacher_state = await signed_in(api_server, teacher)
    teaching = [e for e in await home._my_courses(teacher_state) if e["course"]["id"] == course_id]
    assert [e["cover_url"] for e in teaching] == [served]

    page = await teachers._teacher(student_state, str((await teacher.me())["id"]))
    assert [c["cover_url"] for c in page["courses"] if c["id"] == course_id] == [served]

    mine = await studio._studio(teacher_state)
    assert [c["cover_url"] for c in mine["courses"] if c["id"] == course_id] == [served]
    assert all("cover_url" in item for item in mine["services"] + mine["seminars"])
    assert await new_student.media_bytes(str(picture["id"])) == PICTURE.read_bytes()

    await student_state.api.aclose()
    await teacher_state.api.aclose()
