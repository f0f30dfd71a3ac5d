"""The course editor's left pane: the course's own fields, publishing, and its modules and
lessons (picking one opens it in the lesson editor)."""

from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import bind, call, error_text, icon_button, scroll
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.covers.view import CoverEditor
from wisdom_app.features.editor import actions
from wisdom_app.features.studio.forms import kronor_text, parse_price

NO_BADGE = "none"  # the badge menu's "Inget märke" (a menu option needs a key)


def _form_of(course: Json) -> dict[str, Any]:
    return {
        "title": course["title"],
        "summary": course["summary"],
        "description": course["description"],
        "level": course["level"],
        "category": course.get("category") or "other",
        "badge": course.get("badge") or NO_BADGE,
        "price": kronor_text(course["price_cents"]),
        "intro": bool(course["is_intro"]),
    }


def _fields_of(form: dict[str, Any]) -> dict[str, Any]:
    """What the API takes; an introduction course is free whatever the price field says."""
    return {
        "title": form["title"].strip(),
        "summary": form["summary"],
        "description": form["description"],
        "level": form["level"],
        "category": form["category"],
        "badge": None if form["badge"] == NO_BADGE else form["badge"],
        "price_cents": 0 if form["intro"] else parse_price(form["price"]),
        "is_intro": bool(form["intro"]),
    }


@ft.component
def CourseOutline(
    data: Json,
    selected: str | None,
    select: Callable[[str], None],
    reload: Callable[[], Awaitable[None]],
) -> ft.Control:
    """The course's own fields, its modules and lessons, and publishing."""
    state = use_app()
    form, set_form = ft.use_state(lambda: _form_of(data))
    new_module, set_new_module = ft.use_state("")
    error, set_error = ft.use_state("")
    course_id = str(data["id"])

    def field(key: str):
        return bind(form, key)

    async def act(action: Callable[[], Awaitable[None]]) -> None:
        """Run a change to the course and read it anew; a failure is shown above the list."""
        set_error("")
        try:
            await action()
        except ApiError as exc:
            set_error(exc.message)
            return
        except ValueError as exc:
            set_error(str(exc))
            return
        await reload()

    async def save_fields() -> None:
        await actions.save_course(state, course_id, _fields_of(form))

    async def add_new_module() -> None:
        if new_module.strip():
            await actions.add_module(state, course_id, new_module.strip())
            set_new_module("")

    async def add_new_lesson(module_id: str) -> None:
        select(await actions.add_lesson(state, module_id))

    async def toggle_publish() -> None:
        await actions.set_published(state, course_id, data["status"] != "published")

    published = data["status"] == "published"
    return scroll(
        [
            ft.Row(
                [
                    ft.Chip(label=ft.Text(fmt.STATUS_LABELS.get(data["status"], data["status"]))),
                    ft.Chip(label=ft.Text("Intro"), visible=bool(data["is_intro"])),
                    ft.FilledButton(
                        "Avpublicera" if published else "Publicera",
                        on_click=call(act, toggle_publish),
                    ),
                ],
                wrap=True,
            ),
            ft.TextField(label="Titel", value=form["title"], on_change=field("title")),
            ft.TextField(
                label="Sammanfattning",
                value=form["summary"],
                on_change=field("summary"),
                multiline=True,
                max_length=500,
            ),
            ft.TextField(
                label="Beskrivning (Markdown)",
                value=form["description"],
                on_change=field("description"),
                multiline=True,
                min_lines=2,
            ),
            ft.Dropdown(
                label="Nivå",
                value=form["level"],
                options=[ft.DropdownOption(key=k, text=v) for k, v in fmt.LEVELS.items()],
                on_select=field("level"),
            ),
            ft.Dropdown(
                label="Märke",
                value=form["badge"],
                options=[ft.DropdownOption(key=NO_BADGE, text="Inget märke")]
                + [ft.DropdownOption(key=k, text=v) for k, v in fmt.BADGES.items()],
                on_select=field("badge"),
            ),
            ft.Dropdown(
                label="Kategori",
                value=form["category"],
                options=[ft.DropdownOption(key=k, text=v) for k, v in fmt.CATEGORIES.items()],
                on_select=field("category"),
            ),
            ft.Switch(
                label="Introduktionskurs (gratis)",
                value=form["intro"],
                on_change=lambda e: set_form({**form, "intro": e.control.value}),
            ),
            ft.TextField(
                label="Pris (kr)",
                value="0" if form["intro"] else form["price"],
                on_change=field("price"),
                disabled=bool(form["intro"]),
                keyboard_type=ft.KeyboardType.NUMBER,
            ),
            error_text(error),
            ft.Row([ft.FilledTonalButton("Spara kursen", on_click=call(act, save_fields))]),
            ft.Divider(),
            ft.Text("Moduler och lektioner", theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            *_modules(data, selected, select, lambda module_id: call(act, call(add_new_lesson, module_id))),
            ft.Row(
                [
                    ft.TextField(
                        label="Ny modul",
                        value=new_module,
                        on_change=lambda e: set_new_module(e.control.value),
                        expand=True,
                    ),
                    icon_button(
                        ft.Icons.ADD,
                        "Lägg till modul",
                        on_click=call(act, add_new_module),
                    ),
                ]
            ),
            ft.Divider(),
            # Saved at once (not with "Spara kursen"): the picture is uploaded when chosen.
            CoverEditor("courses", course_id, data.get("cover_media_id")),
        ],
        spacing=theme.SPACE_S,
    )


def _modules(
    data: Json,
    selected: str | None,
    select: Callable[[str], None],
    add_lesson_handler: Callable[[str], Callable[[], Awaitable[None]]],
) -> list[ft.Control]:
    """Each module's title, its lessons (the selected one marked), and a button that adds a
    lesson to it (add_lesson_handler(module_id) is that button's handler)."""
    controls: list[ft.Control] = []
    for module in data.get("modules", []):
        controls.append(ft.Text(module["title"], weight=ft.FontWeight.W_600))
        for lesson in module.get("lessons", []):
            lid = str(lesson["id"])
            controls.append(
                ft.ListTile(
                    title=ft.Text(lesson["title"]),
                    subtitle=ft.Text(
                        fmt.minutes(lesson.get("duration_minutes")) + (" · media" if lesson.get("has_media") else "")
                    ),
                    selected=lid == selected,
                    dense=True,
                    on_click=lambda _, lid=lid: select(lid),
                )
            )
        controls.append(
            ft.TextButton(
                "Lägg till lektion",
                icon=ft.Icons.ADD,
                on_click=add_lesson_handler(str(module["id"])),
            )
        )
    return controls
