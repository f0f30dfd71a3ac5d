from playwright.async_api import Browser

from tests.conftest import ADMIN
from tests.support import ui
from tests.ui.conftest import sign_in

DUMP = """() => [...document.querySelectorAll('flt-semantics')].map(e =>
  `${e.getAttribute('role')||'-'} | ${e.getAttribute('aria-label')||''} | ${[...e.childNodes].filter(n=>n.nodeType===3).map(n=>n.textContent).join('')}`)"""


async def test_probe(web_app: ui.WebApp, browser: Browser) -> None:
    for name, vp in (("desktop", ui.DESKTOP), ("phone", ui.PHONE)):
        page = await ui.open_app(browser, web_app.url, vp)
        await sign_in(page, ADMIN)
        await ui.see(page, "Gemensam vägg")
        import asyncio
        await asyncio.sleep(2)
        open(f"/tmp/probe/home-{name}.txt", "w").write("\n".join(await page.evaluate(DUMP)))
        open(f"/tmp/probe/home-{name}.html", "w").write(await page.evaluate("document.querySelector('flt-semantics-host').outerHTML"))
