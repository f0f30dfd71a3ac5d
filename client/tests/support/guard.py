"""What makes a UI test fail besides its own assertions: the app logging a traceback or an
error, a coroutine that was never awaited, an error Flet reports to the page, an exception in
the page, or an error control on screen ("Unknown control", Flet's red error box, Flutter's
grey error box)."""

import gc
import io
import logging
import sys
import threading
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from flet.messaging.session import Session
from PIL import Image
from playwright.async_api import ConsoleMessage, Error, Page, Response

# Flutter's ErrorWidget in release builds (what a layout error draws instead of the widget):
# a nearly opaque grey (0xF0C0C0C0), so its colour depends a little on what is behind it.
FLUTTER_ERROR_GREY = (196, 196, 196)  # over white
# ... and over the brand's light surfaces (linne, sand, lavendel): (196, 195, 195) on linen.
# One step either way per channel for the renderer's rounding.
_BEHIND = ((255, 255, 255), (250, 246, 240), (242, 233, 220), (238, 232, 245))
FLUTTER_ERROR_GREYS = frozenset(
    tuple(round(0xC0 + (c - 0xC0) * 15 / 255) + d for c, d in zip(bg, step, strict=True))
    for bg in _BEHIND
    for step in ((a, b, c) for a in (-1, 0, 1) for b in (-1, 0, 1) for c in (-1, 0, 1))
)
ERROR_GREY_PIXELS = 1600  # a 40x40 patch; nothing in the app is drawn in exactly this grey
ERROR_TEXTS = ("Unknown control", "Exception in effect", "Traceback (most recent call last)")
# Console lines that say nothing new: a failed request is reported with its address by the
# response listener below (and requests that would leave the machine are refused on purpose);
# Chrome's note about password fields outside a <form> is about Flutter's hidden inputs.
HARMLESS_CONSOLE = ("Failed to load resource", "Password field is not contained in a form")
# Flutter's own colour emoji font, which a web build without a CDN does not have: asked for when
# emoji are drawn before the bundled Noto Emoji (theme.EMOJI_FONT) has loaded, as when a saved
# session opens straight onto the wall. The emoji then appear in the bundled font.
EMOJI_FALLBACK = "/assets/fonts/notocoloremoji/"


@dataclass
class Problems:
    """Everything the app did wrong while a test ran, from any thread."""

    found: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, text: str) -> None:
        with self.lock:
            self.found.append(text)


class _ErrorLogHandler(logging.Handler):
    def __init__(self, problems: Problems) -> None:
        super().__init__(level=logging.ERROR)
        self.problems = problems

    def emit(self, record: logging.LogRecord) -> None:
        text = f"log {record.name} {record.levelname}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
        self.problems.add(text)


@contextmanager
def watch_app() -> Iterator[Problems]:
    """Record, while the block runs, every error the app (served in this process) shows."""
    problems = Problems()
    handler = _ErrorLogHandler(problems)
    root = logging.getLogger()
    root.addHandler(handler)
    original_error = Session.error
    original_unraisable = sys.unraisablehook
    original_thread_hook = threading.excepthook

    def session_error(self: Session, message: str) -> None:
        problems.add(f"Flet reported to the page: {message}")
        original_error(self, message)

    def unraisable(info: Any) -> None:
        problems.add(f"unraisable: {info.exc_value!r} in {info.object!r}")

    def thread_exception(args: threading.ExceptHookArgs) -> None:
        text = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        problems.add(f"exception in thread {args.thread}: {text}")

    Session.error = session_error  # type: ignore[method-assign]
    sys.unraisablehook = unraisable
    threading.excepthook = thread_exception
    # Process-wide, so warnings from the app's threads are caught too.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield problems
        finally:
            gc.collect()  # a dropped coroutine warns when it is collected
            Session.error = original_error  # type: ignore[method-assign]
            sys.unraisablehook = original_unraisable
            threading.excepthook = original_thread_hook
            root.removeHandler(handler)
    for warning in caught:
        if issubclass(warning.category, RuntimeWarning) and "never awaited" in str(warning.message):
            problems.add(f"{warning.filename}:{warning.lineno}: {warning.message}")


def watch_page(page: Page, problems: Problems) -> None:
    """Exceptions in the page, error lines in its console and failed requests (the app's
    own assets, images and API calls) count as problems."""

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" and not any(h in message.text for h in HARMLESS_CONSOLE):
            problems.add(f"console error: {message.text}")

    def page_error(error: Error) -> None:
        problems.add(f"page error: {error}")

    def response(answer: Response) -> None:
        if answer.status >= 400 and EMOJI_FALLBACK not in answer.url:
            problems.add(f"HTTP {answer.status} for {answer.request.method} {answer.url}")

    page.on("console", console)
    page.on("pageerror", page_error)
    page.on("response", response)
    _LISTENERS[page] = (console, page_error, response)


_LISTENERS: dict[Page, tuple[Any, Any, Any]] = {}


def stop_watching(page: Page) -> None:
    """Before a tab is closed: what the renderer does while its tab is torn down (the
    WebAssembly renderer now and then traps on a frame in flight) is not the app's doing."""
    if page not in _LISTENERS:
        return
    console, page_error, response = _LISTENERS.pop(page)
    page.remove_listener("console", console)
    page.remove_listener("pageerror", page_error)
    page.remove_listener("response", response)


async def error_text_on_page(page: Page) -> str | None:
    """An error control's text, if the semantics tree shows one."""
    found: str | None = await page.evaluate(
        """texts => {
            const host = document.querySelector('flt-semantics-host');
            if (!host) return null;
            const all = [host.textContent, ...[...host.querySelectorAll('[aria-label]')]
                .map(e => e.getAttribute('aria-label'))].join('\\n');
            return texts.find(t => all.includes(t)) || null;
        }""",
        list(ERROR_TEXTS),
    )
    return found


def grey_error_pixels(png: bytes) -> int:
    """How many pixels of a screenshot have the colour of Flutter's grey error box."""
    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 24) or []
    return sum(count for count, colour in colours if colour in FLUTTER_ERROR_GREYS)


async def check_page(page: Page, png: bytes | None = None) -> None:
    """Fail when the page shows an error control (text, or Flutter's grey box)."""
    text = await error_text_on_page(page)
    assert text is None, f"the page shows an error: {text!r}"
    shot = png if png is not None else await page.screenshot()
    grey = grey_error_pixels(shot)
    assert grey < ERROR_GREY_PIXELS, f"the page shows Flutter's grey error box ({grey} pixels)"


def raise_if_any(problems: Problems) -> None:
    assert problems.found == [], "the app reported problems:\n" + "\n\n".join(problems.found)
