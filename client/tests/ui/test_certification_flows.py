"""A teacher sends a certification with its scan from Profil and follows it through the admin's
review, at phone and at desktop size; every step is checked through the API."""

import secrets
from pathlib import Path

from playwright.async_api import Browser, Page

from tests.support import ui
from tests.ui.conftest import open_signed_in
from wisdom_app import texts
from wisdom_app.api import ApiClient

SCAN = Path(__file__).resolve().parents[3] / "backend" / "app" / "media" / "demo_covers" / "yin-yoga.png"


async def open_certifications(browser: Browser, web_app: ui.WebApp, size: str, teacher: ApiClient) -> Page:
    page = await open_signed_in(browser, web_app, size, teacher, "profile")
    # The whole form on screen: a click on a field below the fold lands on what is drawn there.
    await ui.scroll_onto_screen(page, page.get_by_role("button", name="Skicka för granskning"))
    return page


async def test_a_teacher_sends_a_certification_and_follows_its_review(
    web_app: ui.WebApp, browser: Browser, new_teacher: ApiClient, admin: ApiClient, size: str
) -> None:
    title = f"Yogalärare 200 h {secrets.token_hex(2)}"
    page = await open_certifications(browser, web_app, size, new_teacher)
    # The list has loaded (empty) before anything is typed.
    await ui.see(page, "Du har inte skickat några certifieringar än.")

    # A year in the future is refused in the form, before anything is sent.
    await ui.type_into(page, "Utbildning eller titel", title)
    await ui.type_into(page, "Utfärdare", "Yogaskolan")
    await ui.type_into(page, "År", "2999")
    await ui.click(page, "button", "Skicka för granskning")
    await ui.see(page, "Skriv året med fyra siffror")
    assert await new_teacher.my_certifications() == []

    await ui.type_into(page, "År", "2015")
    async with page.expect_file_chooser() as chooser:
        await page.get_by_role("button", name="Bifoga intyg (PDF eller bild)").click()
    await (await chooser.value).set_files(str(SCAN))
    await ui.see(page, SCAN.name)
    await ui.click(page, "button", "Skicka för granskning")
    await ui.see(page, texts.CERTIFICATION_SENT)
    await ui.see(page, "Väntar på granskning")
    await ui.screenshot(page, f"profile-certifications-{size}")

    [sent] = await new_teacher.my_certifications()
    assert (sent["title"], sent["issuer"], sent["year"], sent["status"]) == (title, "Yogaskolan", 2015, "pending")
    assert await admin.media_bytes(str(sent["document_media_id"])) == SCAN.read_bytes()
    # The form is empty again for the next one.
    assert await ui.field_text(page, "Utbildning eller titel") == ""

    # The admin turns it down with a reason; the teacher sees it after coming back.
    await admin.reject_certification(str(sent["id"]), "Intyget går inte att läsa")
    await ui.go_to(page, "Hem")
    await ui.see(page, "Hem")
    await ui.go_to(page, "Profil")
    await ui.scroll_until(page, page.get_by_role("button", name=f"Ta bort {title}"))
    await ui.see(page, "Avslagen")
    await ui.see(page, "Skäl: Intyget går inte att läsa")

    # Removing it asks first, then it is gone.
    await ui.click(page, "button", f"Ta bort {title}")
    await ui.click(page, "button", "Ta bort")
    await ui.see(page, texts.CERTIFICATION_REMOVED)
    assert await new_teacher.my_certifications() == []
