"""The brand and the demo content, at phone and at desktop size: the logo in the app bar, the
linen background, the demo catalogue's covers, the five real lessons of "Introduktion till
meditation", and a teacher choosing a course's cover in the studio (checked through the API)."""

import io
import re
import secrets
from pathlib import Path

from PIL import Image
from playwright.async_api import Browser, Page, expect

from tests.support import ui
from tests.ui.conftest import SIZES, open_signed_in, sign_in
from wisdom_app import theme
from wisdom_app.api import ApiClient

INTRO_COURSE = "Introduktion till meditation"
INTRO_LESSONS = [
    "Varför meditera?",
    "Andningen som ankare",
    "Kroppsskanning",
    "Ljud, tankar och känslor",
    "Meditation i vardagen",
]
COVER_FILE = Path(__file__).resolve().parents[3] / "backend" / "app" / "media" / "demo_covers" / "yin-yoga.png"


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


async def background_pixel(page: Page) -> tuple[int, int, int]:
    """A pixel at the right edge, halfway down: the body's padding, where only the page's
    background shows (on a phone and beside the rail on desktop)."""
    viewport = page.viewport_size or ui.PHONE
    shot = Image.open(io.BytesIO(await page.screenshot())).convert("RGB")
    scale = shot.width / viewport["width"]
    pixel = shot.getpixel((int((viewport["width"] - 4) * scale), int(viewport["height"] // 2 * scale)))
    assert isinstance(pixel, tuple)
    return pixel[0], pixel[1], pixel[2]


async def test_the_brand_shows_and_the_demo_course_has_five_real_lessons(
    web_app: ui.WebApp, browser: Browser, new_student: ApiClient, size: str
) -> None:
    thanks = f"Tack för i dag {secrets.token_hex(2)}"
    await new_student.create_post(f"{thanks} 🌿🙏")
    # Signed in by typing: a web app that opens straight onto the wall (a saved session) draws
    # its emoji before the bundled emoji font has arrived, and Flutter then asks for its own
    # emoji font, which a build without a CDN does not have (a 404; the emoji appear once the
    # bundled font is in).
    page = await ui.open_app(browser, web_app.url, SIZES[size])
    await sign_in(page, str((await new_student.me())["email"]))
    await ui.see(page, "Mina kurser")
    # The logo in the app bar, named for a screen reader; the linen page background.
    await expect(page.get_by_role("img", name="Wisdom").first).to_be_visible(timeout=15_000)
    assert await background_pixel(page) == rgb(theme.LINNE)
    await ui.screenshot(page, f"brand-home-{size}")
    # Emoji in a post are drawn with the bundled emoji font (nothing fetched: the guard fails
    # on any request that leaves the machine).
    if size == "phone":
        await ui.click(page, "button", "Väggen")
    await ui.see(page, thanks)
    await ui.screenshot(page, f"brand-emoji-{size}")

    # The demo course in the catalogue wears its cover.
    await ui.go_to(page, "Kurser")
    await ui.type_into(page, "Sök kurser", "meditation")
    await ui.click(page, "button", "Sök")
    cover_name = re.compile(re.escape(f"Omslagsbild: {INTRO_COURSE}"))
    card = page.get_by_role("button", name=cover_name).or_(page.get_by_role("img", name=cover_name))
    await ui.scroll_until(page, card)
    await ui.screenshot(page, f"brand-catalogue-{size}")
    # Its page: the cover, and five lessons, each a real text. (A tap that lands while the
    # search's new list is being drawn opens nothing; a person taps again.)
    start = page.get_by_role("button", name="Börja kursen (gratis)")
    for attempt in range(3):
        await card.first.click()
        try:
            await expect(start.first).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            if attempt == 2:
                raise
    await ui.see(page, "Fem korta lektioner")
    await expect(page.get_by_role("img", name=cover_name).first).to_be_visible(timeout=15_000)
    await ui.screenshot(page, f"brand-course-{size}")
    await start.first.click()
    await ui.see(page, "Du är inskriven. Välkommen!")
    await ui.see(page, "0 av 5 lektioner klara")
    fourth = page.get_by_text(INTRO_LESSONS[3])
    await ui.scroll_until(page, fourth)
    await fourth.first.click()
    await ui.see(page, "Tankar som moln")
    await ui.screenshot(page, f"brand-lesson-{size}")

    courses = (await new_student.courses(q=INTRO_COURSE))["items"]
    course = next(c for c in courses if c["title"] == INTRO_COURSE)
    assert course["lesson_count"] == 5 and course["cover_media_id"]
    assert (await new_student.media_bytes(str(course["cover_media_id"]))).startswith(b"\x89PNG")
    detail = await new_student.course(str(course["id"]))
    lessons = [lesson for module in detail["modules"] for lesson in module["lessons"]]
    assert [lesson["title"] for lesson in lessons] == INTRO_LESSONS
    for lesson in lessons:
        text = (await new_student.lesson(str(lesson["id"])))["content_md"]
        assert len(text) > 800 and "..." not in text, lesson["title"]
    progress = await new_student.course_progress(str(course["id"]))
    assert progress["lessons_total"] == 5


async def test_a_teacher_chooses_a_course_cover_in_the_studio(
    web_app: ui.WebApp, browser: Browser, new_teacher: ApiClient, size: str
) -> None:
    title = f"Omslag {secrets.token_hex(2)}"
    course = await new_teacher.create_course({"title": title, "summary": "En kurs med bild"})
    page = await open_signed_in(browser, web_app, size, new_teacher, f"studio/courses/{course['id']}")
    await ui.see(page, f"Kursredigerare: {title}")
    choose = page.get_by_role("button", name="Välj omslagsbild")
    await ui.scroll_until(page, choose)
    async with page.expect_file_chooser() as chooser:
        await choose.first.click()
    await (await chooser.value).set_files(str(COVER_FILE))
    await ui.see(page, "Omslagsbilden är sparad.")
    await expect(page.get_by_role("button", name="Byt omslagsbild").first).to_be_visible(timeout=15_000)
    await ui.screenshot(page, f"brand-studio-cover-{size}")

    saved = await new_teacher.studio_course(str(course["id"]))
    assert saved["cover_media_id"]
    assert await new_teacher.media_bytes(str(saved["cover_media_id"])) == COVER_FILE.read_bytes()

    await ui.click(page, "button", "Ta bort omslagsbild")
    await ui.see(page, "Omslagsbilden är borttagen.")
    await expect(page.get_by_role("button", name="Välj omslagsbild").first).to_be_visible(timeout=15_000)
    assert (await new_teacher.studio_course(str(course["id"])))["cover_media_id"] is None
