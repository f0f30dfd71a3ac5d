"""The account, at phone and at desktop size, each checked through the API after the clicks: a
new password through the link in the reset mail, downloading one's data, deleting the
account, signing out (it asks first), and the developer settings kept from customers."""

import asyncio
import io
import json
import re
import secrets
import zipfile

import pytest
from playwright.async_api import Browser, Page, expect

from tests.support import ui
from tests.support.api_server import DEMO_PASSWORD, ApiServer, _backend
from tests.ui.conftest import SIZES, open_signed_in, sign_in
from wisdom_app import texts
from wisdom_app.api import ApiClient
from wisdom_app.errors import ApiError
from wisdom_app.storage import MemoryTokenStore

LINK = re.compile(r"https?://\S+/reset-password\?token=(\S+)")


async def reset_link_in_the_outbox(api_server: ApiServer, email: str) -> str:
    """The path and query of the newest reset link mailed to the address (the mail stays in
    the API's outbox: no SMTP in tests), read with the backend's own command."""
    for _ in range(20):
        printed = await asyncio.to_thread(
            _backend, ["-m", "app.cli", "outbox", "--to", email, "--limit", "1"], api_server.env
        )
        found = LINK.search(printed)
        if found:
            return f"reset-password?token={found.group(1)}"
        await asyncio.sleep(0.5)
    raise AssertionError(f"no reset link mailed to {email}")


async def signs_in(api_server: ApiServer, email: str, password: str) -> bool:
    client = ApiClient(api_server.url, MemoryTokenStore())
    try:
        await client.login(email, password)
    except ApiError as exc:
        assert exc.code == "invalid_credentials", exc
        return False
    finally:
        await client.aclose()
    return True


async def test_a_new_password_through_the_link_in_the_mail(
    web_app: ui.WebApp, browser: Browser, api_server: ApiServer, new_student: ApiClient, size: str
) -> None:
    email = (await new_student.me())["email"]
    new_password = f"stilla-vatten-{secrets.token_hex(3)}"
    page = await ui.open_app(browser, web_app.url, SIZES[size])
    await ui.click(page, "button", "Glömt lösenord?")
    await ui.type_into(page, "E-post", email)
    await ui.click(page, "button", "Skicka länk")
    await ui.see(page, "Om adressen hör till ett konto är ett mejl på väg.")

    link = await reset_link_in_the_outbox(api_server, email)
    page = await ui.open_app(browser, f"{web_app.url}{link}", SIZES[size])
    await ui.see(page, "Välj ett nytt lösenord")
    await ui.type_into(page, "Nytt lösenord", new_password)
    await ui.type_into(page, "Upprepa lösenordet", new_password + "x")
    await ui.click(page, "button", "Spara nytt lösenord")
    await ui.see(page, "Lösenorden är inte likadana.")
    await ui.type_into(page, "Upprepa lösenordet", new_password)
    await ui.screenshot(page, f"account-reset-password-{size}")
    await ui.click(page, "button", "Spara nytt lösenord")
    await ui.see(page, texts.RESET_DONE)
    await ui.screenshot(page, f"account-reset-done-{size}")
    assert await signs_in(api_server, email, new_password)
    assert not await signs_in(api_server, email, DEMO_PASSWORD)

    # The new password signs in here too.
    await ui.type_into(page, "E-post", email)
    await ui.type_into(page, "Lösenord", new_password)
    await ui.click(page, "button", "Logga in")
    await ui.see(page, "Hem")

    # The link works once: used again it says so and leads to a new one.
    again = await ui.open_app(browser, f"{web_app.url}{link}", SIZES[size])
    await ui.type_into(again, "Nytt lösenord", new_password + "2")
    await ui.type_into(again, "Upprepa lösenordet", new_password + "2")
    await ui.click(again, "button", "Spara nytt lösenord")
    await ui.see(again, "Länken fungerar inte")
    await ui.screenshot(again, f"account-reset-used-link-{size}")
    await ui.see(again, "har redan använts eller har gått ut")
    await ui.click(again, "button", "Be om en ny länk")
    await ui.see(again, "Glömt lösenord")


async def test_download_my_data_as_a_zip(
    web_app: ui.WebApp, browser: Browser, new_student: ApiClient, size: str
) -> None:
    me = await new_student.me()
    page = await open_signed_in(browser, web_app, size, new_student)
    await ui.go_to(page, "Profil")
    button = page.get_by_role("button", name="Ladda ner mina uppgifter")
    await ui.scroll_until(page, button)
    await ui.screenshot(page, f"account-profile-privacy-{size}")
    async with page.expect_download() as download_info:
        await button.first.click()
    download = await download_info.value
    assert download.suggested_filename.startswith("wisdom-mina-uppgifter-")
    assert download.suggested_filename.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO((await download.path()).read_bytes()))
    exported = json.loads(archive.read("export.json"))
    assert exported["user_id"] == me["id"]
    assert me["email"] in json.dumps(exported["sections"]["profile"], ensure_ascii=False)


async def test_delete_my_account(
    web_app: ui.WebApp, browser: Browser, api_server: ApiServer, new_student: ApiClient, size: str
) -> None:
    email = (await new_student.me())["email"]
    page = await open_signed_in(browser, web_app, size, new_student)
    await ui.go_to(page, "Profil")
    button = page.get_by_role("button", name="Radera mitt konto")
    await ui.scroll_until(page, button)
    await button.first.click()
    await ui.see(page, "Det här raderas")
    await ui.see(page, "sparas som bokföring")
    await ui.screenshot(page, f"account-delete-{size}")

    # A wrong password: nothing is deleted, and the screen says why.
    await ui.type_into(page, "Ditt lösenord", "fel-losenord-1")
    await ui.click(page, "button", "Radera mitt konto")
    await ui.click(page, "button", "Radera kontot")
    await ui.see(page, "lösenordet stämmer inte")
    assert await signs_in(api_server, email, DEMO_PASSWORD)

    await ui.type_into(page, "Ditt lösenord", DEMO_PASSWORD)
    await ui.click(page, "button", "Radera mitt konto")
    await ui.see(page, "Radera kontot för alltid?")
    await ui.screenshot(page, f"account-delete-confirm-{size}")
    await ui.click(page, "button", "Radera kontot")
    await ui.see(page, texts.ACCOUNT_DELETED)
    await ui.see(page, "Logga in")
    assert not await signs_in(api_server, email, DEMO_PASSWORD)
    with pytest.raises(ApiError) as refused:
        await new_student.me()
    assert refused.value.status == 401


async def test_signing_out_asks_first(web_app: ui.WebApp, browser: Browser, new_student: ApiClient, size: str) -> None:
    page = await open_signed_in(browser, web_app, size, new_student)
    await ui.press(page, "Logga ut")
    await ui.see(page, "Logga ut?")
    await ui.screenshot(page, f"account-sign-out-{size}")
    await ui.click(page, "button", "Avbryt")
    await expect(page.get_by_text("Logga ut?")).to_have_count(0)
    await ui.go_to(page, "Profil")  # still signed in
    await ui.see(page, "Visningsnamn")

    await ui.press(page, "Logga ut")
    await page.get_by_role("alertdialog").get_by_role("button", name="Logga ut").click()
    await ui.see(page, "Logga in")
    await expect(page.get_by_role("textbox", name="Lösenord")).to_be_visible()


async def long_press(page: Page, text: str) -> None:
    box = await page.get_by_text(text, exact=True).first.bounding_box()
    assert box is not None
    await page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    await page.mouse.down()
    await asyncio.sleep(1.2)
    await page.mouse.up()


async def test_server_settings_are_hidden_from_customers(
    web_app: ui.WebApp, browser: Browser, new_student: ApiClient, size: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build for customers (WISDOM_DEV=0) hides "Serverinställningar"; a long press on the
    logo shows them, on the sign-in screen and in Profil."""
    monkeypatch.setenv("WISDOM_DEV", "0")
    page = await ui.open_app(browser, web_app.url, SIZES[size])
    await ui.see(page, "Logga in")
    settings = page.get_by_role("button", name="Serverinställningar")
    await expect(settings).to_have_count(0)
    await long_press(page, "Wisdom")
    await expect(settings.first).to_be_visible(timeout=10_000)

    email = (await new_student.me())["email"]
    customer = await ui.open_app(browser, web_app.url, SIZES[size])
    await sign_in(customer, email)
    await ui.see(customer, "Hem")
    await ui.go_to(customer, "Profil")
    await ui.scroll_until(customer, customer.get_by_role("button", name="Ladda ner mina uppgifter"))
    await expect(customer.get_by_role("button", name="Serverinställningar")).to_have_count(0)
