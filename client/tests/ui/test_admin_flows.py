"""An admin's flows, each at phone and at desktop size, each checked through the API after the
clicks: approving a teacher application, reading a reported post in full and removing it, and
refunding an order."""

import re
import secrets

from playwright.async_api import Browser, Page

from tests.support import ui
from tests.support.checkout import pay_on_checkout_page
from tests.ui.conftest import open_signed_in
from wisdom_app.api import ApiClient


async def open_admin(page: Page, size: str, section: str | None = None) -> None:
    """The admin area: the rail on desktop, the button at the top on a phone."""
    if size == "phone":
        await ui.press(page, "Admin")
    else:
        await ui.go_to(page, "Admin")
    await ui.see(page, "Administration")
    if section:
        await ui.click(page, "button", section)


async def test_approve_a_teacher_application(
    web_app: ui.WebApp, browser: Browser, admin: ApiClient, new_student: ApiClient, size: str
) -> None:
    me = await new_student.me()
    await new_student.apply_as_teacher("Jag har lett sångcirklar i tjugo år.", f"Röstpedagog {secrets.token_hex(2)}")
    page = await open_signed_in(browser, web_app, size, admin)
    await open_admin(page, size)
    await ui.see(page, "Ansökningar")
    card = page.get_by_role("group", name=re.compile(re.escape(me["email"])))
    await ui.scroll_until(page, card)  # the queue is oldest first
    await card.get_by_role("button", name="Godkänn").click()
    await ui.see(page, "Godkänn ansökan?")
    await page.get_by_role("button", name="Godkänn").last.click()
    await ui.see(page, f"{me['display_name']} är nu lärare.")
    await ui.screenshot(page, f"flow-admin-approve-{size}")
    assert (await new_student.me())["role"] == "teacher"


async def test_read_a_reported_post_in_full_and_remove_it(
    web_app: ui.WebApp, browser: Browser, admin: ApiClient, new_student: ApiClient, teacher: ApiClient, size: str
) -> None:
    body = f"Köp mina kristaller på min egen sida, rabattkod {secrets.token_hex(3)}! " + "Mer text. " * 40
    post = await new_student.create_post(body)
    await teacher.report_post(str(post["id"]), "Reklam")
    page = await open_signed_in(browser, web_app, size, admin)
    await open_admin(page, size, "Moderering")
    card = page.get_by_role("group", name=re.compile(re.escape(body[:40])))
    await ui.scroll_until(page, card)
    await card.first.get_by_role("button", name="Visa hela inlägget").click()
    await ui.see(page, f"Inlägg av {(await new_student.me())['display_name']}")
    await ui.see(page, body.strip()[-60:])  # the whole post, not the excerpt
    await ui.screenshot(page, f"flow-admin-report-{size}")
    await ui.click(page, "button", "Stäng")
    await card.first.get_by_role("button", name="Ta bort").click()
    await ui.see(page, "Ta bort?")
    await page.get_by_role("button", name="Ta bort").last.click()
    await ui.see(page, "Inlägget är borttaget.")
    removed = (await admin.admin_reports("removed"))["items"]
    assert any(str(r["target"]["id"]) == str(post["id"]) for r in removed)
    assert (await admin.wall_post(str(post["id"])))["removed"]


async def test_refund_an_order(
    web_app: ui.WebApp,
    browser: Browser,
    admin: ApiClient,
    new_teacher: ApiClient,
    new_student: ApiClient,
    size: str,
) -> None:
    service = await new_teacher.create_service(
        {
            "title": f"Drömtydning {secrets.token_hex(2)}",
            "description": "Skriv ner drömmen, vi tolkar den.",
            "kind": "reading",
            "duration_minutes": 30,
            "delivery": "online",
            "price_cents": 40000,
        }
    )
    await new_teacher.publish_service(str(service["id"]))
    order = await new_student.create_order("service", str(service["id"]))
    await pay_on_checkout_page((await new_student.create_checkout(str(order["id"])))["checkout_url"])
    page = await open_signed_in(browser, web_app, size, admin)
    await open_admin(page, size, "Ordrar")
    await ui.type_into(page, "Ordernummer, köpare, lärare eller titel", str(order["order_number"]))
    await ui.click(page, "button", "Sök")
    await ui.see(page, f"#{order['order_number']} · {service['title']}")
    await ui.click(page, "button", "Återbetala")
    await ui.see(page, "Återbetala?")
    await ui.screenshot(page, f"flow-admin-refund-{size}")
    await page.get_by_role("button", name="Återbetala").last.click()
    await ui.see(page, f"Återbetalning av 400\u00a0kr för order {order['order_number']} är begärd.")
    refunded = await new_student.order(str(order["id"]))
    assert refunded["status"] == "refunded" and refunded["refunded_cents"] == 40000
