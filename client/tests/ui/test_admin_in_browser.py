"""The admin area in headless Chromium: the admin screens (screenshots in docs/screenshots/),
and a student never sees any of it. (The admin's flows are in test_admin_flows.py.)"""

from playwright.async_api import Browser, expect

from tests.conftest import ADMIN, STUDENT
from tests.support import ui
from tests.ui.conftest import sign_in
from wisdom_app.api import ApiClient

TALL_DESKTOP = {"width": 1280, "height": 1400}


async def test_admin_screens(web_app: ui.WebApp, browser: Browser, student: ApiClient, teacher: ApiClient) -> None:
    maja = await student.me()
    # Something in the moderation queue.
    post = await student.create_post("Följ min kanal för gratis horoskop varje dag!")
    await teacher.report_post(post["id"], "Reklam för en annan sida")
    page = await ui.open_app(browser, web_app.url, ui.DESKTOP)
    await sign_in(page, ADMIN)
    await ui.click(page, "button", "Admin Flik", exact=False)
    await ui.click(page, "button", "Användare")
    await ui.type_into(page, "Sök e-post eller namn", "maja")
    await ui.click(page, "button", "Sök")
    await ui.see(page, maja["email"])
    await ui.screenshot(page, "admin-users-desktop")
    await page.get_by_text(maja["email"]).first.click()
    await ui.see(page, "Stäng av kontot")
    await ui.see(page, "lektioner")
    await ui.screenshot(page, "admin-user-desktop")
    # Disabling asks first; cancelling changes nothing.
    await ui.click(page, "button", "Stäng av kontot")
    await ui.see(page, "loggas ut överallt")
    await ui.click(page, "button", "Avbryt")
    await ui.click(page, "button", "Ordrar")
    await ui.see(page, "Ordernummer, köpare, lärare eller titel")
    await expect(page.get_by_role("button", name="Återbetala").first).to_be_visible(timeout=15_000)
    await ui.click(page, "button", "Återbetala")
    await ui.see(page, "Kvar att återbetala")
    # A wrong amount keeps the dialog open and says what is wrong; nothing is refunded.
    await ui.type_into(page, "Belopp i kronor (tomt = allt som är kvar)", "tusen")
    await page.get_by_role("button", name="Återbetala").last.click()
    await ui.see(page, "Skriv beloppet i kronor")
    await ui.screenshot(page, "admin-refund-desktop")
    await ui.click(page, "button", "Avbryt")
    await ui.click(page, "button", "Certifieringar")
    await ui.see(page, "Väntande")
    await ui.click(page, "button", "Moderering")
    await ui.see(page, "Följ min kanal för gratis horoskop")
    await ui.see(page, "Reklam för en annan sida")
    await ui.screenshot(page, "admin-moderation-desktop")
    await ui.click(page, "button", "Inställningar")
    await ui.see(page, "Gratiskurser per elev")
    await ui.screenshot(page, "admin-settings-desktop")
    await ui.click(page, "button", "Logg")
    await ui.see(page, "Inloggning")
    await ui.screenshot(page, "admin-audit-desktop")
    assert (await student.me())["email"] == STUDENT  # the student was never disabled


async def test_a_student_never_sees_the_admin_area(web_app: ui.WebApp, browser: Browser) -> None:
    # Straight to the admin address: after signing in a student lands on HOME.
    page = await ui.open_app(browser, f"{web_app.url}admin/users", ui.DESKTOP)
    await sign_in(page, STUDENT)
    await ui.see(page, "Gemensam vägg")
    await expect(page.get_by_role("button", name="Profil Flik", exact=False)).to_be_visible(timeout=15_000)
    await expect(page.get_by_role("button", name="Admin Flik", exact=False)).to_have_count(0)
    await expect(page.get_by_text("Administration")).to_have_count(0)
