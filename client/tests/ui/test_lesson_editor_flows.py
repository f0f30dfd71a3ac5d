"""The course editor at 1280x800: a teacher writes a lesson with the toolbar (a heading, a
list), a magic link to another of their courses and a picture; the permanent preview frame
(1280x720 scaled, 16:9) shows them while the text is written; saved, the lesson is read as a
student: the same text and picture, and the magic link opens the linked course. Checked through
the API."""

import secrets
from pathlib import Path

from playwright.async_api import Browser, Page, expect

from tests.support import ui
from tests.ui.conftest import open_signed_in
from wisdom_app.api import ApiClient
from wisdom_app.features.editor.lesson import preview_width
from wisdom_app.features.editor.preview import CANVAS_LABEL

PICTURE = Path(__file__).resolve().parents[3] / "backend" / "app" / "media" / "demo_covers" / "yin-yoga.png"


async def published(teacher: ApiClient, title: str) -> str:
    course = await teacher.create_course({"title": title})
    module = await teacher.create_module(str(course["id"]), "Början")
    await teacher.create_lesson(str(module["id"]), "Första")
    await teacher.publish_course(str(course["id"]))
    return str(course["id"])


async def preview_box(page: Page) -> dict[str, float]:
    frame = page.locator(f'flt-semantics[aria-label="{CANVAS_LABEL}"]').first
    await expect(frame).to_be_visible(timeout=15_000)
    box = await frame.bounding_box()
    assert box is not None
    return box


async def test_write_a_rich_lesson_beside_its_preview_and_read_it_as_a_student(
    web_app: ui.WebApp, browser: Browser, new_teacher: ApiClient, new_student: ApiClient
) -> None:
    tag = secrets.token_hex(2)
    linked_title = f"Fördjupning {tag}"
    linked = await published(new_teacher, linked_title)
    course = await new_teacher.create_course({"title": f"Rik lektion {tag}"})
    course_id = str(course["id"])
    await new_teacher.create_module(course_id, "Början")

    page = await open_signed_in(browser, web_app, "desktop", new_teacher, f"studio/courses/{course_id}")
    await ui.see(page, f"Kursredigerare: Rik lektion {tag}")
    await ui.click(page, "button", "Lägg till lektion")
    await ui.see(page, "Lektionstext (Markdown)")

    # The preview frame: 1280x720 scaled to its place, 16:9.
    box = await preview_box(page)
    expected = preview_width(ui.DESKTOP["width"])
    assert abs(box["width"] - expected) <= 2, box
    assert abs(box["height"] - expected * 720 / 1280) <= 2, box

    await ui.type_into(page, "Lektionens titel", "Andningen")
    await ui.type_into(page, "Lektionstext (Markdown)", "Andas lugnt.")
    await ui.press(page, "Rubrik")
    await ui.press(page, "Punktlista")
    await ui.click(page, "button", "Länka till kurs, tjänst eller seminarium")
    await page.get_by_role("button", name=linked_title).or_(page.get_by_text(linked_title)).first.click()
    async with page.expect_file_chooser() as chooser:
        await page.get_by_role("button", name="Infoga bild, ljud eller video").click()
    await (await chooser.value).set_files(str(PICTURE))
    await ui.see(page, "Filen är infogad i texten.")
    # The preview draws them as they are written: the heading, the list, the link, the picture.
    await expect(page.get_by_role("img", name=PICTURE.name).first).to_be_visible(timeout=15_000)
    await ui.see(page, "Rubrik")
    await ui.see(page, linked_title)
    await ui.screenshot(page, "editor-preview-desktop")

    # Unsaved changes are not lost silently: leaving asks first (and "Avbryt" stays).
    await ui.press(page, "Tillbaka")
    await ui.see(page, "Lämna utan att spara?")
    await ui.click(page, "button", "Avbryt")
    await ui.see(page, "Lektionstext (Markdown)")

    await ui.click(page, "button", "Spara lektionen")
    await ui.see(page, "Lektionen är sparad.")
    await ui.see(page, "Senast sparad kl")
    # Saved, leaving asks nothing.
    await ui.press(page, "Tillbaka")
    await ui.see(page, "Mina kurser")
    [module] = (await new_teacher.studio_course(course_id))["modules"]
    [summary] = module["lessons"]
    lesson = await new_teacher.studio_lesson(str(summary["id"]))
    text = lesson["content_md"]
    assert "Andas lugnt." in text and "## Rubrik" in text and "- punkt" in text, text
    assert f"wisdom:course/{linked}" in text and "/media/" in text, text
    assert [(x["id"], x["available"]) for x in lesson["links"]] == [(linked, True)]

    # As a student: the same text and picture, and the link opens the linked course.
    await new_teacher.publish_course(course_id)
    await new_student.enroll(course_id)
    reader = await open_signed_in(
        browser, web_app, "desktop", new_student, f"courses/{course_id}/lessons/{summary['id']}"
    )
    await ui.see(reader, "Andas lugnt.")
    await expect(reader.get_by_role("img", name=PICTURE.name).first).to_be_visible(timeout=15_000)
    await ui.screenshot(reader, "lesson-rich-desktop")
    link = reader.get_by_role("link", name=linked_title).or_(reader.get_by_text(linked_title, exact=True))
    await link.first.click()
    await ui.see(reader, "Börja kursen (gratis)")
    await ui.see(reader, linked_title)
