"""The app as a Swedish person reads it, at phone and desktop size: every main screen's rendered
semantics tree (each node's aria-label and text, which is also what a screen reader says) is
walked, scrolled through, and checked for English words (Flutter's own texts, such as
"Tab 1 of 4" or "2,000 characters remaining", came out English before the app ran with a
Swedish locale) and for raw API keys ("refund_id", "amount_cents: 30000")."""

import asyncio
import re
import secrets

import pytest
from playwright.async_api import Browser, Page

from tests.support import ui
from tests.ui.conftest import SIZES, open_signed_in
from wisdom_app.api import ApiClient
from wisdom_app.errors import ApiError
from wisdom_app.storage import MemoryTokenStore

# Whole words (any case) that are English and have no place in the Swedish app.
ENGLISH_WORDS = {
    "tab",
    "of",
    "search",
    "cancel",
    "ok",
    "back",
    "close",
    "loading",
    "error",
    "characters",
    "remaining",
    "select",
    "selected",
    "dismiss",
    "menu",
    "previous",
    "next",
    "today",
    "show",
    "hide",
    "more",
    "none",
    "submit",
    "save",
    "delete",
    "edit",
    "settings",
    "notifications",
    "messages",
    "profile",
    "home",
    "paid",
    "refund",
    "reason",
    "amount",
}
# Raw keys and values of the API: snake_case words ("refund_id", "amount_cents").
RAW_KEY = re.compile(r"\b[a-z]+_[a-z_]+\b")

# Every label in the semantics tree, and every text in it (a node's words sit in its
# aria-label, or in text inside it: a <span> or the node itself).
SEMANTIC_TEXTS = """() => {
    const host = document.querySelector('flt-semantics-host');
    if (!host) return [];
    const labels = [...host.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'));
    const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode.textContent);
    return [...labels, ...texts].filter(t => t && t.trim());
}"""


def english_in(texts: set[str]) -> list[str]:
    """The English words and raw keys found, each with the text it was found in."""
    found = []
    for text in sorted(texts):
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
        found += [f"{w!r} in {text!r}" for w in sorted(words & ENGLISH_WORDS)]
        found += [f"{k!r} in {text!r}" for k in RAW_KEY.findall(text)]
    return found


async def read_screen(page: Page, screen: str, must_see: str) -> set[str]:
    """What the screen says, scrolled from top to bottom (Flutter leaves what is far outside
    the view out of the semantics tree), with a screenshot."""
    await ui.see(page, must_see)
    await asyncio.sleep(1)  # lists load after the heading
    viewport = page.viewport_size or ui.PHONE
    await page.mouse.move(viewport["width"] / 2, viewport["height"] * 0.6)
    texts: set[str] = set()
    for _ in range(12):
        before = len(texts)
        texts |= set(await page.evaluate(SEMANTIC_TEXTS))
        if len(texts) == before and before:
            break
        await page.mouse.wheel(0, 600)
        await asyncio.sleep(0.4)
    await page.mouse.wheel(0, -20_000)
    await asyncio.sleep(0.4)
    assert texts, f"{screen}: nothing in the semantics tree"
    return texts


def check(screen: str, texts: set[str]) -> None:
    english = english_in(texts)
    assert not english, f"{screen} shows English or raw keys: {english}"


async def course_with_quiz(teacher: ApiClient) -> tuple[dict, dict]:
    """A published free course: one lesson with a quiz of three single-answer questions."""
    course = await teacher.create_course({"title": f"Andas i vardagen {secrets.token_hex(2)}", "summary": "Kort"})
    module = await teacher.create_module(str(course["id"]), "Början")
    lesson = await teacher.create_lesson(str(module["id"]), "Andningen som ankare")
    await teacher.update_lesson(str(lesson["id"]), {"content_md": "Andas in på fyra, ut på sex."})
    questions = [
        {"prompt": "Hur länge andas du in?", "options": ["Fyra", "Tio"], "correct_options": [0]},
        {"prompt": "Hur länge andas du ut?", "options": ["Sex", "Två"], "correct_options": [0]},
        {"prompt": "Var sitter ankaret?", "options": ["I andningen", "I telefonen"], "correct_options": [0]},
    ]
    await teacher.request(
        "PUT",
        f"/studio/lessons/{lesson['id']}/quiz",
        json={"title": "Kunskapskoll", "pass_mark_percent": 60, "questions": questions},
    )
    await teacher.publish_course(str(course["id"]))
    return course, lesson


@pytest.fixture
async def failed_sign_in(new_student: ApiClient) -> str:
    """A failed sign-in in the audit log (its reason is a code: "wrong_password"); the email."""
    email: str = (await new_student.me())["email"]
    stranger = ApiClient(new_student.base_url, MemoryTokenStore())
    try:
        with pytest.raises(ApiError):
            await stranger.login(email, "fel-losenord-1")
    finally:
        await stranger.aclose()
    return email


async def test_a_student_reads_only_swedish(
    web_app: ui.WebApp, browser: Browser, teacher: ApiClient, new_student: ApiClient, size: str
) -> None:
    course, lesson = await course_with_quiz(teacher)
    await new_student.enroll(str(course["id"]))
    # A link to the course: after signing in the student lands on it.
    page = await open_signed_in(browser, web_app, size, new_student, f"courses/{course['id']}")
    course_page = await read_screen(page, "the course page", "0 av 1 lektion klar")
    check("the course page", course_page)
    await page.get_by_text(lesson["title"]).first.click()
    check("the lesson", await read_screen(page, "the lesson", "Andas in på fyra, ut på sex."))
    # Single-answer questions are radio buttons: two of three right is 67 %.
    await ui.scroll_until(page, page.get_by_role("radio", name="I telefonen"))
    for answer in ("Fyra", "Sex", "I telefonen"):
        await page.get_by_role("radio", name=answer).click()
    await ui.click(page, "button", "Skicka svar")
    await ui.see(page, "2 av 3 frågor rätt (67 %). Godkänt!")
    await ui.screenshot(page, f"swedish-quiz-{size}")

    await ui.go_to(page, "Hem")
    check("HOME", await read_screen(page, "HOME", "Mina kurser"))
    await ui.screenshot(page, f"swedish-home-{size}")
    await ui.go_to(page, "Profil")
    check("Profil", await read_screen(page, "Profil", "Visningsnamn"))
    await ui.press(page, "Notiser")
    check("Notiser", await read_screen(page, "Notiser", "Notiser"))
    await ui.go_to(page, "Meddelanden")
    check("Meddelanden", await read_screen(page, "Meddelanden", "Meddelanden"))
    await ui.screenshot(page, f"swedish-messages-{size}")
    progress = await new_student.course_progress(str(course["id"]))
    assert progress["quizzes_passed"] == 1  # the radio answers reached the API


async def test_an_admin_reads_only_swedish(
    web_app: ui.WebApp, browser: Browser, admin: ApiClient, failed_sign_in: str, size: str
) -> None:
    page = await open_signed_in(browser, web_app, size, admin)
    await ui.go_to(page, "Studio")
    check("Studio", await read_screen(page, "Studio", "Mina tjänster"))
    if size == "phone":
        await ui.press(page, "Admin")  # a button at the top: the phone's bar has no room
    else:
        await ui.go_to(page, "Admin")
    await ui.click(page, "button", "Inställningar")
    settings = await read_screen(page, "Admin settings", "Plattformsavgift")
    check("Admin settings", settings)
    assert any("Gratiskurser per elev" in t for t in settings)
    await ui.screenshot(page, f"swedish-admin-settings-{size}")
    await ui.click(page, "button", "Logg")
    await ui.click(page, "button", "Inloggning")
    audit = await read_screen(page, "the audit log", "Skäl: fel lösenord")
    check("the audit log", audit)
    await ui.screenshot(page, f"swedish-admin-audit-{size}")
    # What the screen put in words is the API's failed sign-in of that person.
    failed = (await admin.audit_log(action="auth.login_failed"))["items"]
    assert any(e["meta"].get("reason") == "wrong_password" for e in failed)


def test_the_word_list_finds_english_and_raw_keys() -> None:
    assert english_in({"Flik 1 av 4", "2 000 tecken kvar", "Belopp: 300 kr"}) == []
    assert english_in({"Tab 1 of 4"}) == ["'of' in 'Tab 1 of 4'", "'tab' in 'Tab 1 of 4'"]
    assert english_in({"refund_id: 1"}) == ["'refund' in 'refund_id: 1'", "'refund_id' in 'refund_id: 1'"]
    assert set(SIZES) == {"phone", "desktop"}
