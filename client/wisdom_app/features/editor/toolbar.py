"""The lesson text's toolbar: headings, bold, italic, lists, quote, link and divider written as
Markdown around the selection (or at the caret), a magic link to one of the teacher's own
courses, services or seminars, and a picture uploaded into the text."""

from collections.abc import Callable
from dataclasses import dataclass

import flet as ft

from wisdom_app.api import Json
from wisdom_app.components import icon_button

# What each button writes: (before the selection, after it, words used when nothing is selected).
MARKS: dict[str, tuple[str, str, str]] = {
    "heading": ("\n## ", "\n", "Rubrik"),
    "bold": ("**", "**", "fet text"),
    "italic": ("*", "*", "kursiv text"),
    "list": ("\n- ", "\n", "punkt"),
    "numbered": ("\n1. ", "\n", "punkt"),
    "quote": ("\n> ", "\n", "citat"),
    "link": ("[", "](https://)", "länktext"),
    "divider": ("\n\n---\n\n", "", ""),
}
BUTTONS = [
    ("heading", ft.Icons.TITLE, "Rubrik"),
    ("bold", ft.Icons.FORMAT_BOLD, "Fet"),
    ("italic", ft.Icons.FORMAT_ITALIC, "Kursiv"),
    ("list", ft.Icons.FORMAT_LIST_BULLETED, "Punktlista"),
    ("numbered", ft.Icons.FORMAT_LIST_NUMBERED, "Numrerad lista"),
    ("quote", ft.Icons.FORMAT_QUOTE, "Citat"),
    ("link", ft.Icons.LINK, "Länk"),
    ("divider", ft.Icons.HORIZONTAL_RULE, "Avdelare"),
]


@dataclass(frozen=True)
class Edit:
    text: str
    caret: int


def wrap(text: str, start: int, end: int, mark: str) -> Edit:
    """The text with the mark written around text[start:end] (its placeholder words when the
    selection is empty); the caret after what was written."""
    start, end = sorted((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    before, after, placeholder = MARKS[mark]
    chosen = text[start:end] or placeholder
    written = f"{before}{chosen}{after}"
    return Edit(text[:start] + written + text[end:], start + len(written))


def insert(text: str, at: int, snippet: str) -> Edit:
    """The snippet written at the caret, on a paragraph of its own."""
    at = max(0, min(at, len(text)))
    block = f"\n\n{snippet}\n\n"
    return Edit(text[:at] + block + text[at:], at + len(block))


def magic_link(target: Json) -> str:
    return f"[{target.get('title', '')}](wisdom:{target.get('kind')}/{target.get('id')})"


KIND_NAMES = {"course": "Kurs", "service": "Tjänst", "seminar": "Seminarium"}


def toolbar(
    on_mark: Callable[[str], object],
    on_magic_link: Callable[[], object],
    on_picture: Callable[[], object],
    busy: bool,
) -> ft.Control:
    buttons: list[ft.Control] = [
        icon_button(icon, label, on_click=lambda _=None, m=mark: on_mark(m)) for mark, icon, label in BUTTONS
    ]
    buttons += [
        ft.OutlinedButton(
            "Länka till kurs, tjänst eller seminarium", icon=ft.Icons.AUTO_AWESOME, on_click=on_magic_link
        ),
        ft.OutlinedButton(
            "Infoga bild, ljud eller video", icon=ft.Icons.PERM_MEDIA_OUTLINED, on_click=on_picture, disabled=busy
        ),
    ]
    return ft.Row(buttons, wrap=True, spacing=2)


def pick_target(targets: list[Json], on_pick: Callable[[Json], object]) -> None:
    """A dialog listing what a magic link may point at; the chosen one is written in the text."""
    page = ft.context.page

    def chosen(target: Json) -> None:
        page.pop_dialog()
        on_pick(target)

    rows: list[ft.Control] = [
        ft.ListTile(
            title=ft.Text(str(t.get("title", ""))),
            subtitle=ft.Text(KIND_NAMES.get(str(t.get("kind")), "")),
            on_click=lambda _=None, t=t: chosen(t),
        )
        for t in targets
    ] or [ft.Text("Du har inga publicerade kurser, aktiva tjänster eller kommande seminarier att länka till.")]
    page.show_dialog(
        ft.AlertDialog(
            title=ft.Text("Länka till"),
            content=ft.Column(rows, tight=True, scroll=ft.ScrollMode.AUTO, width=420),
            actions=[ft.TextButton("Avbryt", on_click=lambda: page.pop_dialog())],
        )
    )
