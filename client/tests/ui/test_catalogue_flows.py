"""Finding a course, at phone and at desktop size: a new student goes from the empty "Mina
kurser" on HOME to the catalogue, searches, filters, opens a paid course and buys it (checked
through the API); the free introduction courses from HOME, "Visa fler", and a search that
finds nothing until the filters are cleared."""

import re
import secrets

import pytest
from playwright.async_api import Browser, Page

from tests.support import ui
from tests.ui.conftest import Opened, open_signed_in
from tests.ui.test_student_flows import pay_in_the_browser
from wisdom_app.api import ApiClient
from wisdom_app.features.catalogue import actions as catalogue


async def published_course(
    teacher: ApiClient, title: str, price_cents: int = 0, intro: bool = False, category: str = "other"
) -> dict:
    """A published course with one lesson (a course needs one to be published)."""
    course = await teacher.create_course(
        {
            "title": title,
            "summary": "Lugn och närvaro i vardagen",
            "price_cents": price_cents,
            "is_intro": intro,
            "category": category,
        }
    )
    module = await teacher.create_module(str(course["id"]), "Början")
    await teacher.create_lesson(str(module["id"]), "Första andetaget")
    await teacher.publish_course(str(course["id"]))
    return course


async def open_card(page: Page, title: str) -> None:
    """A course card by its title (Flutter merges the card's texts into one label)."""
    card = page.get_by_role("button", name=re.compile(re.escape(title)))
    await ui.scroll_until(page, card)
    await card.first.click()


async def gone(page: Page, text: str, timeout: float = 15_000) -> None:
    """Wait until the text is nowhere in the semantics tree."""
    await page.wait_for_function(
        """text => {
            const host = document.querySelector('flt-semantics-host');
            if (!host || host.textContent.includes(text)) return false;
            return ![...host.querySelectorAll('[aria-label]')].some(
                e => e.getAttribute('aria-label').includes(text));
        }""",
        arg=text,
        timeout=timeout,
    )


async def test_search_filter_and_buy_a_course_from_the_catalogue(
    web_app: ui.WebApp,
    browser: Browser,
    opened: Opened,
    new_teacher: ApiClient,
    new_student: ApiClient,
    size: str,
) -> None:
    tag = secrets.token_hex(3)
    paid = await published_course(new_teacher, f"Andas i vardagen {tag}", 29000, category="breathwork")
    yoga = await published_course(new_teacher, f"Yoga i vardagen {tag}", 19000, category="yoga")
    free = await published_course(new_teacher, f"Vila en stund {tag}")
    opened.clear()
    page = await open_signed_in(browser, web_app, size, new_student)
    # A new student's empty "Mina kurser" leads to the catalogue.
    await ui.see(page, "Börja med en gratis introduktionskurs!")
    await ui.screenshot(page, f"home-new-student-{size}")
    await ui.click(page, "button", "Alla kurser")
    await ui.type_into(page, "Sök kurser", tag)
    await ui.click(page, "button", "Sök")
    await ui.see(page, paid["title"])
    await ui.see(page, free["title"])
    await ui.see(page, "290\u00a0kr")
    await ui.screenshot(page, f"catalogue-{size}")
    if size == "phone":
        await ui.click(page, "button", "Filter")  # the filters fold away on a phone
    await ui.click(page, "button", "Betalda")
    await gone(page, free["title"])
    await ui.see(page, yoga["title"])
    # The category menu (the first menu of the filters) narrows to breathing courses.
    await page.locator('flt-semantics[role="button"][aria-expanded]').first.click()
    await ui.click(page, "button", "Andning")
    await gone(page, yoga["title"])
    await ui.see(page, paid["title"])
    await ui.see(page, "Andning · Nybörjare")
    await ui.screenshot(page, f"catalogue-filtered-{size}")

    await open_card(page, paid["title"])
    await ui.click(page, "button", "Köp kursen för 290 kr")
    await ui.see(page, "Väntar på betalning")
    await pay_in_the_browser(browser, opened)
    await ui.see(page, ": Betald", timeout=20_000)
    mine = (await new_student.my_courses())["items"]
    assert [str(e["course"]["id"]) for e in mine] == [str(paid["id"])]
    assert (await new_student.course_access(str(paid["id"])))["access"]


async def test_intro_courses_from_home_more_results_and_an_empty_search(
    web_app: ui.WebApp,
    browser: Browser,
    new_teacher: ApiClient,
    new_student: ApiClient,
    size: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(catalogue, "PAGE_SIZE", 2)  # three matches make two pages
    tag = secrets.token_hex(3)
    intros = [await published_course(new_teacher, f"Intro {n} {tag}", intro=True) for n in (1, 2, 3)]
    paid = await published_course(new_teacher, f"Fördjupning {tag}", 49000)
    page = await open_signed_in(browser, web_app, size, new_student)
    await ui.click(page, "button", "Gratis introduktionskurser")
    await ui.see(page, "Filter (1)" if size == "phone" else "Rensa filter")
    await ui.type_into(page, "Sök kurser", tag)
    await ui.click(page, "button", "Sök")
    # Newest first: the last two on the first page, the first one behind "Visa fler".
    await ui.see(page, intros[2]["title"])
    await ui.see(page, intros[1]["title"])
    await gone(page, paid["title"])
    await ui.see(page, "Introduktion")
    more = page.get_by_role("button", name="Visa fler", exact=True)
    await ui.scroll_until(page, more)
    await more.first.click()
    await ui.scroll_until(page, page.get_by_role("button", name=re.compile(re.escape(intros[0]["title"]))))
    await ui.screenshot(page, f"catalogue-intro-{size}")

    await ui.type_into(page, "Sök kurser", f"ingenting {tag}")
    await ui.click(page, "button", "Sök")
    await ui.see(page, f"Inga kurser matchar ”ingenting {tag}” med de valda filtren.")
    await ui.screenshot(page, f"catalogue-empty-{size}")
    await page.get_by_role("button", name="Rensa filter").first.click()
    await gone(page, "Inga kurser matchar")
    assert await ui.field_text(page, "Sök kurser") == ""
    # Unfiltered, the paid course of the same teacher is in the catalogue again.
    await ui.type_into(page, "Sök kurser", tag)
    await ui.click(page, "button", "Sök")
    await ui.see(page, paid["title"])
    assert (await new_student.my_courses())["items"] == []


async def test_a_teachers_courses_by_link_and_all_teachers_again(
    web_app: ui.WebApp, browser: Browser, teacher: ApiClient, new_teacher: ApiClient, new_student: ApiClient, size: str
) -> None:
    tag = secrets.token_hex(3)
    theirs = await published_course(new_teacher, f"Yin i kvällsljus {tag}", 19000)
    other = await published_course(teacher, f"Meditation i gryningen {tag}", 19000)
    new_teacher_id = str((await new_teacher.me())["id"])
    page = await open_signed_in(browser, web_app, size, new_student, f"courses?teacher={new_teacher_id}&q={tag}")
    await ui.see(page, theirs["title"])
    await gone(page, other["title"])
    if size == "phone":
        await ui.click(page, "button", "Filter (1)")
    # The teacher menu (its button has no name in Flutter's web semantics; the last menu of the
    # filters, after the category's) lifts the filter, or picks another teacher.
    teacher_menu = page.locator('flt-semantics[role="button"][aria-expanded]').last
    await teacher_menu.click()
    await ui.click(page, "button", "Alla lärare")
    await ui.see(page, other["title"])
    await ui.see(page, theirs["title"])
    await teacher_menu.click()
    await ui.click(page, "button", "Astrid Lind")
    await gone(page, theirs["title"])
    await ui.see(page, other["title"])
    await ui.screenshot(page, f"catalogue-teacher-{size}")
