"""A teacher's flows, each at phone and at desktop size, each checked through the API after
the clicks: a service created and published, a course built and published, a seminar made."""

import secrets

from playwright.async_api import Browser, Page

from tests.support import ui
from tests.ui.conftest import open_signed_in
from wisdom_app.api import ApiClient


async def open_studio(page: Page) -> None:
    await ui.go_to(page, "Studio")
    await ui.see(page, "Mina tjänster")


async def test_create_a_service_and_publish_it(
    web_app: ui.WebApp, browser: Browser, new_teacher: ApiClient, size: str
) -> None:
    title = f"Tarotläsning {secrets.token_hex(2)}"
    page = await open_signed_in(browser, web_app, size, new_teacher)
    await open_studio(page)
    await ui.click(page, "button", "Ny tjänst")
    await ui.see(page, "Ny tjänst")
    await ui.type_into(page, "Titel", title)
    await ui.type_into(page, "Beskrivning", "En timme med korten och dina frågor.")
    await ui.type_into(page, "Pris (kr)", "650")
    await ui.click(page, "button", "Spara och publicera")
    await ui.see(page, "Tjänsten är publicerad.")
    await ui.see(page, title)
    await ui.screenshot(page, f"flow-teacher-service-{size}")
    me = await new_teacher.me()
    active = (await new_teacher.teacher_services(str(me["id"]), "active"))["items"]
    service = next(s for s in active if s["title"] == title)
    assert service["price_cents"] == 65000
    assert service["description"] == "En timme med korten och dina frågor."


async def test_build_a_course_and_publish_it(
    web_app: ui.WebApp, browser: Browser, new_teacher: ApiClient, size: str
) -> None:
    title = f"Yin för nybörjare {secrets.token_hex(2)}"
    page = await open_signed_in(browser, web_app, size, new_teacher)
    await open_studio(page)
    await ui.click(page, "button", "Ny kurs")
    await ui.type_into(page, "Kursens titel", title)
    await ui.click(page, "button", "Skapa kurs")
    await ui.see(page, f"Kursredigerare: {title}")
    await ui.type_into(page, "Sammanfattning", "Sex mjuka pass för kvällen.")
    await ui.type_into(page, "Pris (kr)", "390")
    await ui.click(page, "button", "Spara kursen")
    await ui.see(page, "Kursen är sparad.")
    await ui.type_into(page, "Ny modul", "Grunder")
    await ui.press(page, "Lägg till modul")
    await ui.see(page, "Grunder")
    await ui.click(page, "button", "Lägg till lektion")
    await ui.see(page, "Lektionstext (Markdown)")
    await ui.type_into(page, "Lektionens titel", "Andningen")
    await ui.type_into(page, "Lektionstext (Markdown)", "Andas in på fyra, ut på sex.")
    await ui.click(page, "button", "Spara lektionen")
    await ui.see(page, "Lektionen är sparad.")
    if size == "phone":
        await ui.click(page, "button", "Till kursens innehåll")
    await ui.click(page, "button", "Publicera")
    await ui.see(page, "Kursen är publicerad!")
    await ui.screenshot(page, f"flow-teacher-course-{size}")
    # HOME lists the courses the teacher gives.
    await ui.go_to(page, "Hem")
    await ui.see(page, title)
    await ui.see(page, "Du undervisar · Publicerad · 1 lektion")

    course_id = next(c["id"] for c in (await new_teacher.studio_courses())["items"] if c["title"] == title)
    course = await new_teacher.studio_course(str(course_id))
    assert course["status"] == "published"
    assert course["summary"] == "Sex mjuka pass för kvällen." and course["price_cents"] == 39000
    [module] = course["modules"]
    assert module["title"] == "Grunder"
    [lesson] = module["lessons"]
    assert lesson["title"] == "Andningen"
    saved = await new_teacher.studio_lesson(str(lesson["id"]))
    assert saved["content_md"] == "Andas in på fyra, ut på sex."


async def type_time(page: Page, hour: str, minute: str) -> None:
    """The time picker's text entry: two digits of the hour move on to the minutes (selected),
    as on a phone. Typed again if a first keystroke was lost."""
    held = "() => [...document.querySelectorAll('textarea')].map(e => [e.getAttribute('aria-label'), e.value])"
    for _ in range(3):
        await page.get_by_role("textbox", name="Timme").click()
        await page.wait_for_timeout(300)
        await page.keyboard.press("Control+A")
        await page.keyboard.type(hour, delay=50)
        await page.keyboard.press("Control+A")
        await page.keyboard.type(minute, delay=50)
        if sorted(await page.evaluate(held)) == [["Minut", minute], ["Timme", hour]]:
            return
    raise AssertionError(f"the time picker did not take {hour}:{minute}")


async def test_create_a_seminar(web_app: ui.WebApp, browser: Browser, new_teacher: ApiClient, size: str) -> None:
    title = f"Fullmånemeditation {secrets.token_hex(2)}"
    page = await open_signed_in(browser, web_app, size, new_teacher)
    await open_studio(page)
    await ui.click(page, "button", "Nytt seminarium")
    await ui.type_into(page, "Titel", title)
    await ui.type_into(page, "Beskrivning", "Vi sitter tillsammans en timme.")
    # The start is picked, not typed: the date picker's and the time picker's text entry.
    await ui.click(page, "button", "Startdatum", exact=False)
    await ui.press(page, "Byt till inmatning")
    await ui.type_into(page, "Ange datum", "2027-03-14")
    await ui.click(page, "button", "OK")
    await ui.see(page, "Startdatum: sön 14 mars 2027")
    await ui.click(page, "button", "Starttid", exact=False)
    await ui.see(page, "Välj starttid")
    await ui.screenshot(page, f"flow-teacher-seminar-time-{size}")
    await ui.press(page, "Byt till text som inmatningsläge")
    await type_time(page, "19", "00")
    await ui.click(page, "button", "OK")
    await ui.see(page, "Starttid: 19:00")
    await ui.type_into(page, "Antal platser", "12")
    await ui.type_into(page, "Pris (kr, 0 = gratis)", "150")
    await ui.click(page, "button", "Spara")
    await ui.see(page, "Seminariet är sparat.")
    await ui.see(page, title)
    await ui.screenshot(page, f"flow-teacher-seminar-{size}")
    me = await new_teacher.me()
    seminar = next(s for s in (await new_teacher.seminars(teacher=str(me["id"])))["items"] if s["title"] == title)
    assert seminar["capacity"] == 12 and seminar["price_cents"] == 15000
    assert seminar["starts_at"].startswith("2027-03-14T18:00:00")  # 19:00 in Stockholm is 18:00 UTC
