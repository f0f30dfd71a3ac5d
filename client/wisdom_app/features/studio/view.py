"""Studio (teachers): the list of their courses, services and seminars, and starting a new
course. The editors of a service and a seminar live beside this module; a course's editor is
features/editor."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import (
    cover_image,
    error_text,
    icon_button,
    navigate,
    remote_view,
    screen,
    scroll,
    section_title,
)
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.studio import actions
from wisdom_app.features.studio.forms import EDITOR_MAX_WIDTH
from wisdom_app.features.studio.seminar_editor import SeminarEditor
from wisdom_app.features.studio.service_editor import ServiceEditor
from wisdom_app.state import Remote

__all__ = ["NewCourseScreen", "SeminarEditor", "ServiceEditor", "StudioScreen"]


@ft.component
def StudioScreen() -> ft.Control:
    state = use_app()
    studio, _ = ft.use_state(Remote)

    async def load() -> None:
        await actions.load_studio(state, studio)

    ft.use_effect(load, [])

    def render(data: Json) -> ft.Control:
        return scroll(
            [
                _block(
                    "Mina kurser",
                    "Ny kurs",
                    "/studio/courses/new",
                    [
                        _tile(
                            c["title"],
                            f"{fmt.STATUS_LABELS.get(c['status'], '')} · {fmt.money(c['price_cents'])}",
                            f"/studio/courses/{c['id']}",
                            c.get("cover_url"),
                        )
                        for c in data["courses"]
                    ],
                    "Du har inga kurser än.",
                ),
                ft.Divider(),
                _block(
                    "Mina tjänster",
                    "Ny tjänst",
                    "/studio/services/new",
                    [
                        _tile(
                            s["title"],
                            f"{fmt.STATUS_LABELS.get(s['status'], '')} · {fmt.money(s['price_cents'])}",
                            f"/studio/services/{s['id']}",
                            s.get("cover_url"),
                        )
                        for s in data["services"]
                    ],
                    "Du har inga tjänster än.",
                ),
                ft.Divider(),
                _block(
                    "Mina seminarier",
                    "Nytt seminarium",
                    "/studio/seminars/new",
                    [
                        _tile(
                            s["title"],
                            f"{fmt.when(s['starts_at'])} · {s['seats_taken']}/{s['capacity']} anmälda",
                            f"/studio/seminars/{s['id']}",
                            s.get("cover_url"),
                        )
                        for s in data["seminars"]
                    ],
                    "Du har inga kommande seminarier.",
                ),
            ]
        )

    return ft.Column(
        [
            section_title(
                "Studio",
                icon_button(ft.Icons.REFRESH, "Uppdatera studion", on_click=load),
            ),
            ft.Container(remote_view(studio, render, empty_text="", on_retry=load), expand=True),
        ],
        expand=True,
    )


def _block(title: str, new_label: str, new_route: str, rows: list[ft.Control], empty: str) -> ft.Control:
    """One kind of thing the teacher offers: a title with a button that makes a new one, and
    the list (or a line saying there is none)."""
    return ft.Column(
        [
            section_title(
                title,
                ft.FilledTonalButton(
                    new_label,
                    icon=ft.Icons.ADD,
                    on_click=lambda: navigate(new_route),
                ),
            ),
            *(rows or [ft.Text(empty, color=theme.MUTED)]),
        ],
        spacing=theme.SPACE_XS,
    )


def _tile(title: str, subtitle: str, route: str, cover_url: str | None) -> ft.Control:
    return ft.ListTile(
        leading=cover_image(cover_url, label=None, width=72, radius=theme.RADIUS_S),
        title=ft.Text(title),
        subtitle=ft.Text(subtitle),
        trailing=ft.Icon(ft.Icons.EDIT_OUTLINED),
        on_click=lambda: navigate(route),
    )


@ft.component
def NewCourseScreen() -> ft.Control:
    state = use_app()
    title, set_title = ft.use_state("")
    error, set_error = ft.use_state("")

    async def create() -> None:
        if not title.strip():
            set_error("Ge kursen en titel.")
            return
        try:
            course_id = await actions.create_course(state, title)
        except ApiError as exc:
            set_error(exc.message)
            return
        navigate(f"/studio/courses/{course_id}")

    return screen(
        "Ny kurs",
        ft.Column(
            [
                ft.TextField(
                    label="Kursens titel",
                    value=title,
                    on_change=lambda e: set_title(e.control.value),
                    on_submit=create,
                    autofocus=True,
                ),
                error_text(error),
                ft.FilledButton("Skapa kurs", on_click=create),
            ]
        ),
        back="/studio",
        max_width=EDITOR_MAX_WIDTH,
    )
