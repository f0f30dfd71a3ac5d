"""A teacher's page and starting a conversation from it, at phone and at desktop size: a
student who has nothing from the teacher yet is told when they may write; once enrolled in the
teacher's course (reached from the page, back through the teacher's name on the course page)
"Skicka meddelande" opens the chat, titled with the teacher's name, and the message reaches the
teacher (read back through the teacher's API)."""

import secrets

from playwright.async_api import Browser, expect

from tests.support import ui
from tests.ui.conftest import open_signed_in
from wisdom_app.api import ApiClient


async def teacher_with_a_course(teacher: ApiClient, admin: ApiClient) -> tuple[dict, dict]:
    """The teacher's profile (a bio, a verified certification) and a published free course."""
    me = await teacher.update_me(bio=f"Yinyoga och andning i Uppsala sedan 2015 ({secrets.token_hex(2)}).")
    certification = await teacher.request(
        "POST",
        "/teachers/me/certifications",
        json={"title": "Yinyogalärare 200 h", "issuer": "Yogaskolan", "year": 2016},
    )
    await admin.verify_certification(str(certification["id"]))
    course = await teacher.create_course(
        {"title": f"Stilla yin {secrets.token_hex(2)}", "summary": "Långa, lugna positioner"}
    )
    module = await teacher.create_module(str(course["id"]), "Början")
    lesson = await teacher.create_lesson(str(module["id"]), "Landa")
    await teacher.update_lesson(str(lesson["id"]), {"content_md": "Ligg ner och andas."})
    await teacher.publish_course(str(course["id"]))
    return me, course


async def test_open_a_teacher_page_and_send_a_message(
    web_app: ui.WebApp, browser: Browser, admin: ApiClient, new_teacher: ApiClient, new_student: ApiClient, size: str
) -> None:
    teacher, course = await teacher_with_a_course(new_teacher, admin)
    name = teacher["display_name"]
    page = await open_signed_in(browser, web_app, size, new_student, f"teachers/{teacher['id']}")
    await ui.see(page, teacher["bio"])
    await ui.see(page, "Yinyogalärare 200 h · Yogaskolan · 2016")
    await ui.see(page, course["title"])
    await ui.screenshot(page, f"teacher-page-{size}")

    # Nothing bought and no course yet: the page says when writing becomes possible.
    await ui.press(page, "Skicka meddelande")
    await ui.see(page, "Du kan skriva till en lärare när du har köpt något av hen")
    await ui.screenshot(page, f"teacher-page-not-yet-{size}")
    assert (await new_student.conversations())["items"] == []

    # The course from the teacher's page, and back through the teacher's name on it.
    await page.get_by_text(course["title"]).first.click()
    await ui.click(page, "button", "Börja kursen (gratis)")
    await ui.see(page, "Du är inskriven. Välkommen!")
    await ui.press(page, name)
    await ui.see(page, "Yinyogalärare 200 h · Yogaskolan · 2016")
    await ui.press(page, "Skicka meddelande")
    await ui.see(page, "Skriv det första meddelandet.")
    # The chat is titled with the teacher's name (not "Samtal") and leads back to their page.
    await ui.see(page, name)
    await expect(page.get_by_text("Samtal", exact=True)).to_have_count(0)
    text = f"Hej! Passar kursen en nybörjare? ({secrets.token_hex(2)})"
    await ui.type_into(page, "Meddelande", text)
    await ui.press(page, "Skicka")
    await ui.see(page, text)
    await ui.screenshot(page, f"teacher-chat-{size}")

    conversations = (await new_teacher.conversations())["items"]
    student_id = str((await new_student.me())["id"])
    conversation = next(c for c in conversations if str(c["peer"]["id"]) == student_id)
    assert conversation["last_message"]["body"] == text
    assert conversation["unread_count"] == 1

    # Back on the teacher's page, the same conversation opens again (no second one).
    await ui.press(page, "Visa lärarsidan")
    await ui.press(page, "Skicka meddelande")
    await ui.see(page, text)
    assert len((await new_student.conversations())["items"]) == 1


async def test_find_a_teacher_take_a_seminar_seat_and_write_to_them(
    web_app: ui.WebApp, browser: Browser, teacher: ApiClient, new_student: ApiClient, size: str
) -> None:
    astrid = await teacher.me()
    offer = await new_student.teacher(str(astrid["id"]))
    seminar = next(s for s in offer["seminars"] if s["is_free"] and s["status"] == "scheduled")
    page = await open_signed_in(browser, web_app, size, new_student)

    # No conversations yet: Meddelanden leads to the teachers, searched by name or subject.
    await ui.go_to(page, "Meddelanden")
    await ui.press(page, "Hitta en lärare")
    await ui.type_into(page, "Sök lärare", "meditation")
    await ui.press(page, "Sök")
    await ui.see(page, astrid["display_name"])
    await ui.screenshot(page, f"teachers-{size}")
    await ui.click(page, "button", astrid["display_name"], exact=False)
    await ui.see(page, astrid["bio"])
    await ui.see(page, "Tjänster")

    # The teacher's free seminar, from their page: a seat, which also lets the student write.
    register = page.get_by_role("button", name="Anmäl dig")
    await ui.scroll_until(page, register)
    await register.first.click()
    await ui.see(page, "Du är anmäld. Välkommen!")
    await page.mouse.wheel(0, 1200)  # down to the services and the seminar
    await ui.screenshot(page, f"teacher-page-offer-{size}")
    assert (await new_student.seminar(str(seminar["id"])))["viewer"]["seated"]

    # On Seminarier the host's name leads to the same page; from there, a message.
    await ui.go_to(page, "Seminarier")
    await ui.see(page, seminar["title"])
    await ui.press(page, astrid["display_name"])
    await ui.see(page, astrid["bio"])
    await ui.press(page, "Skicka meddelande")
    await ui.see(page, "Skriv det första meddelandet.")
    text = f"Hej Astrid! Ska jag ta med en matta? ({secrets.token_hex(2)})"
    await ui.type_into(page, "Meddelande", text)
    await ui.press(page, "Skicka")
    await ui.see(page, text)
    await ui.see(page, astrid["display_name"])
    student_id = str((await new_student.me())["id"])
    conversation = next(c for c in (await teacher.conversations())["items"] if str(c["peer"]["id"]) == student_id)
    assert conversation["last_message"]["body"] == text
