"""The app as a person uses it: served as a Flet web app (no CDN), driven in headless Chromium
through the Flutter semantics tree. The screenshots in docs/screenshots/ come from here."""

import asyncio
import re

from playwright.async_api import Browser, expect

from tests.conftest import STUDENT, TEACHER
from tests.support import ui
from tests.ui.conftest import Opened, sign_in
from wisdom_app.api import ApiClient


async def test_sign_in_and_see_the_three_lists_filled(web_app: ui.WebApp, browser: Browser, student: ApiClient) -> None:
    newest = (await student.feed())["items"][0]
    first_service = (await student.services())["items"][0]
    page = await ui.open_app(browser, web_app.url, ui.DESKTOP)
    await ui.see(page, "Logga in")
    await ui.screenshot(page, "login-desktop")
    await sign_in(page, STUDENT)
    for heading in ("Mina kurser", "Gemensam vägg", "Tjänster"):
        await ui.see(page, heading)
    # Demo data in each list: an enrolled course, activities on the wall, active services.
    course_progress = page.get_by_role("progressbar", name=re.compile("lektioner klara"))
    await expect(course_progress.first).to_be_visible(timeout=15_000)
    await ui.see(
        page,
        newest["summary"][:40] if newest["kind"] == "wall_post" else newest["subject_title"],
    )
    await ui.see(page, first_service["title"])
    await expect(page.get_by_role("button", name="Köp").first).to_be_visible()
    await ui.screenshot(page, "home-desktop")


async def test_wrong_password_shows_a_swedish_message(web_app: ui.WebApp, browser: Browser) -> None:
    page = await ui.open_app(browser, web_app.url, ui.PHONE)
    await ui.see(page, "Logga in")
    await ui.type_into(page, "E-post", STUDENT)
    await ui.type_into(page, "Lösenord", "fel-losenord-1")
    await ui.click(page, "button", "Logga in")
    await ui.see(page, "Fel e-postadress eller lösenord.")
    await ui.screenshot(page, "login-error-phone")


async def test_buy_a_service_and_see_the_order_paid(web_app: ui.WebApp, browser: Browser, opened: Opened) -> None:
    page = await ui.open_app(browser, web_app.url, ui.PHONE)
    await sign_in(page, STUDENT)
    await ui.click(page, "button", "Tjänster")
    await expect(page.get_by_role("button", name="Välj tid").first).to_be_visible(timeout=15_000)
    await ui.screenshot(page, "services-phone")
    while not opened.urls.empty():
        opened.urls.get_nowait()
    # A reading, coaching or session is bought for a time: the slot picker comes first.
    await ui.click(page, "button", "Välj tid")
    await ui.see(page, "Välj en tid")
    await ui.see(page, "Tider i svensk tid")
    time_button = page.get_by_role("button", name=re.compile(r"^\d\d:\d\d$")).first
    await expect(time_button).to_be_visible(timeout=15_000)
    await time_button.click()
    await ui.see(page, "Vald tid:")
    await ui.screenshot(page, "book-slot-phone")
    await ui.click(page, "button", "Köp")
    checkout_url = await asyncio.wait_for(opened.urls.get(), timeout=15)
    await ui.see(page, "Väntar på betalning")
    # The buyer pays in the browser: the dummy provider's checkout page.
    checkout = await browser.new_page(viewport=ui.PHONE)
    await checkout.goto(checkout_url)
    await checkout.get_by_role("button", name="Betala (testläge)").click()
    await checkout.wait_for_load_state()
    await checkout.close()
    # Back in the app, the order turns paid by itself, and the time is booked.
    await ui.see(page, ": Betald", timeout=20_000)
    await ui.screenshot(page, "order-paid-phone")
    await ui.click(page, "button", "Mina bokningar")
    await ui.see(page, "Bokad ·")
    await ui.screenshot(page, "bookings-phone")
    # Cancelling asks first.
    await ui.click(page, "button", "Avboka")
    await ui.see(page, "Avboka?")
    await page.get_by_role("button", name="Avboka").last.click()
    await ui.see(page, "Avbokad ·")


async def test_change_the_display_name_and_see_it_saved(web_app: ui.WebApp, browser: Browser) -> None:
    page = await ui.open_app(browser, web_app.url, ui.DESKTOP)
    await sign_in(page, STUDENT)
    await ui.see(page, "Gemensam vägg")
    await ui.click(page, "button", "Profil Tab", exact=False)
    await ui.see(page, "Visningsnamn")
    await ui.type_into(page, "Visningsnamn", "Maja Solberg")
    await ui.click(page, "button", "Spara")
    await ui.see(page, "Sparat")
    await ui.screenshot(page, "profile-desktop")
    # A new session reads the name from the API.
    again = await ui.open_app(browser, web_app.url, ui.PHONE)
    await sign_in(again, STUDENT)
    await ui.see(again, "Maja Solberg")
    await ui.screenshot(again, "home-phone")


async def test_teacher_sees_the_studio(web_app: ui.WebApp, browser: Browser) -> None:
    page = await ui.open_app(browser, web_app.url, ui.DESKTOP)
    await sign_in(page, TEACHER)
    await ui.see(page, "Gemensam vägg")
    await ui.click(page, "button", "Studio Tab", exact=False)
    await ui.see(page, "Mina kurser")
    await ui.see(page, "Ny tjänst")
    await ui.screenshot(page, "studio-desktop")
