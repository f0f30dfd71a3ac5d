import asyncio

from playwright.async_api import Browser

from tests.support import ui
from tests.ui.conftest import open_signed_in
from wisdom_app.api import ApiClient


async def test_dump(web_app: ui.WebApp, browser: Browser, new_student: ApiClient) -> None:
    page = await open_signed_in(browser, web_app, "desktop", new_student, "courses?q=zzzz")
    await ui.see(page, "Betalda")
    await asyncio.sleep(2)
    await ui.screenshot(page, "zz-debug-1")
    html = await page.evaluate("""() => document.querySelector('flt-semantics-host').outerHTML""")
    i = html.find("Gratis introduktionskurser")
    print(html[i:i+1200])
    await page.locator('flt-semantics[role="button"][aria-expanded]').first.click()
    await asyncio.sleep(1.5)
    print("AFTER", await ui.labels(page))
    await ui.screenshot(page, "zz-debug-2")
    html = await page.evaluate("""() => document.querySelector('flt-semantics-host').outerHTML""")
    i = html.find("Alla lärare")
    print(html[i-600:i+600])
