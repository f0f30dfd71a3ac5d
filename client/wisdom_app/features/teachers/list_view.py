"""Lärare: the teachers on Wisdom by name, searched by name and bio; each opens their page."""

import flet as ft

from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import bind, icon_button, navigate, remote_view, screen, use_form
from wisdom_app.context import use_app
from wisdom_app.features.teachers import actions
from wisdom_app.features.teachers.links import teacher_route
from wisdom_app.features.teachers.view import avatar
from wisdom_app.state import AppState, Remote


@ft.component
def TeachersScreen() -> ft.Control:
    state = use_app()
    teachers, _ = ft.use_state(Remote)
    form = use_form(lambda: {"q": ""})
    searched, set_searched = ft.use_state("")

    async def load() -> None:
        await actions.load_teachers(state, teachers, searched)

    ft.use_effect(load, [searched])

    async def search() -> None:
        query = (form["q"] or "").strip()
        if query == searched:
            await load()  # the same words again: read the list anew
        else:
            set_searched(query)

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView([teacher_tile(state, t) for t in items], spacing=theme.SPACE_XS, expand=True)

    empty = f"Ingen lärare matchar ”{searched}”." if searched else "Inga lärare finns på Wisdom än."
    body = ft.Column(
        [
            ft.Row(
                [
                    ft.TextField(
                        label="Sök lärare",
                        hint_text="Namn eller ämne, t.ex. yoga",
                        on_change=bind(form, "q"),
                        on_submit=search,
                        expand=True,
                        prefix_icon=ft.Icons.SEARCH,
                    ),
                    icon_button(ft.Icons.ARROW_FORWARD, "Sök", on_click=search),
                ]
            ),
            ft.Container(
                remote_view(teachers, render, empty_text=empty, empty_icon=ft.Icons.PERSON_SEARCH, on_retry=load),
                expand=True,
            ),
        ],
        expand=True,
    )
    return screen("Lärare", body, back="/")


def teacher_tile(state: AppState, teacher: Json) -> ft.Control:
    route = teacher_route(teacher.get("id"))

    def open_page() -> None:
        navigate(route)

    return ft.ListTile(
        leading=avatar(state, teacher, 22),
        title=ft.Text(teacher.get("display_name", "")),
        subtitle=ft.Text(teacher.get("bio") or "", max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
        on_click=open_page,
    )
