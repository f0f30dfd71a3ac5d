import asyncio

from playwright.async_api import Browser

from tests.support import ui
from tests.ui.conftest import open_signed_in
from tests.ui.test_teacher_flows import open_studio

DUMP = """() => [...document.querySelectorAll('flt-semantics')].map(e =>
  `${e.getAttribute('role')||'-'} | ${e.getAttribute('aria-label')||''} | ${[...e.childNodes].filter(n=>n.nodeType===3).map(n=>n.textContent).join('')}`)"""


async def dump(page, name):
    await asyncio.sleep(1.5)
    open(f"/tmp/probe/{name}.txt", "w").write("\n".join(await page.evaluate(DUMP)))
    await page.screenshot(path=f"/tmp/probe/{name}.png")


async def test_probe(web_app: ui.WebApp, browser: Browser, new_teacher) -> None:
    page = await open_signed_in(browser, web_app, "phone", new_teacher)
    await open_studio(page)
    await ui.click(page, "button", "Nytt seminarium")
    await ui.see(page, "Startdatum")
    await dump(page, "sem-form")
    await ui.click(page, "button", "Startdatum", exact=False)
    await dump(page, "sem-date")
    await ui.press(page, "Byt till inmatning")
    await dump(page, "sem-date-input")
    await ui.type_into(page, "Ange datum", "2027-03-14")
    await ui.click(page, "button", "OK")
    await ui.see(page, "Startdatum: sön 14 mars 2027")
    await ui.click(page, "button", "Starttid", exact=False)
    await dump(page, "sem-time")
    await ui.press(page, "Byt till textinmatning")
    await dump(page, "sem-time-input")
