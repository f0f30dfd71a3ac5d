"""HOME: Mina kurser, Gemensam vägg and Tjänster, side by side on desktop, one at a time on a
phone (chosen with the buttons above the list)."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import call, icon_button, navigate, remote_view, with_thumbnail
from wisdom_app.context import use_app
from wisdom_app.features.catalogue.actions import Filters
from wisdom_app.features.home import actions
from wisdom_app.features.home.parts import home_list
from wisdom_app.features.home.services_view import ServicesList
from wisdom_app.features.home.wall_view import WallList
from wisdom_app.state import Remote

# The phone's chooser between the three lists (short enough for three in a row).
SECTIONS = ["Kurser", "Väggen", "Tjänster"]


@ft.component
def HomeScreen() -> ft.Control:
    state = use_app()
    section, set_section = ft.use_state(0)

    async def load() -> None:
        await actions.load_home(state)

    ft.use_effect(load, [])

    lists = [
        CoursesList(state.my_courses),
        WallList(state.feed),
        ServicesList(state.services),
    ]
    if state.wide:
        return ft.Row(
            [ft.Container(lst, expand=True) for lst in lists],
            spacing=theme.SPACE_L,
            expand=True,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
    chooser = ft.Row(
        [
            (ft.FilledButton if i == section else ft.OutlinedButton)(label, on_click=call(set_section, i), expand=True)
            for i, label in enumerate(SECTIONS)
        ],
        spacing=6,
    )
    return ft.Column([chooser, ft.Container(lists[section], expand=True)], expand=True)


# ---------------------------------------------------------------------- Mina kurser


@ft.component
def CoursesList(courses: Remote) -> ft.Control:
    state = use_app()

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView([course_card(c) for c in items], spacing=theme.SPACE_S, expand=True)

    return home_list(
        "Mina kurser",
        remote_view(
            courses,
            render,
            empty_text=(
                "Du har inga kurser än. Skapa din första kurs i Studio."
                if state.is_teacher
                else "Du har inga kurser än. Börja med en gratis introduktionskurs!"
            ),
            empty_icon=ft.Icons.SCHOOL_OUTLINED,
            empty_action=None if state.is_teacher else find_courses_buttons(),
            on_retry=call(actions.load_my_courses, state),
        ),
        ft.Row(
            [
                icon_button(ft.Icons.EXPLORE_OUTLINED, "Hitta kurser", on_click=call(navigate, Filters().route())),
                icon_button(ft.Icons.REFRESH, "Uppdatera kurser", on_click=call(actions.load_my_courses, state)),
            ],
            tight=True,
            spacing=0,
        ),
    )


def find_courses_buttons() -> ft.Control:
    """A new student's way on from an empty "Mina kurser": the free introduction courses, or
    the whole catalogue."""
    return ft.Row(
        [
            ft.FilledButton(
                "Gratis introduktionskurser",
                icon=ft.Icons.SCHOOL_OUTLINED,
                on_click=call(navigate, Filters(intro=True).route()),
            ),
            ft.OutlinedButton(
                "Alla kurser", icon=ft.Icons.EXPLORE_OUTLINED, on_click=call(navigate, Filters().route())
            ),
        ],
        alignment=ft.MainAxisAlignment.CENTER,
        wrap=True,
    )


def teaching_card(course: Json, cover_url: str | None = None) -> ft.Control:
    """A course the teacher gives: its state, opening the course editor."""
    facts = [
        fmt.STATUS_LABELS.get(course.get("status", ""), ""),
        fmt.count(course.get("lesson_count"), "lektion", "lektioner"),
        "Gratis" if course.get("free") or course.get("is_intro") else fmt.money(course.get("price_cents")),
    ]
    return ft.Card(
        ft.Container(
            ft.Column(
                [
                    with_thumbnail(
                        ft.Row(
                            [
                                ft.Icon(ft.Icons.CAST_FOR_EDUCATION_OUTLINED, size=18, color=ft.Colors.PRIMARY),
                                ft.Text(course.get("title", ""), weight=ft.FontWeight.W_600, expand=True),
                            ]
                        ),
                        cover_url,
                    ),
                    ft.Text("Du undervisar · " + " · ".join(f for f in facts if f), size=theme.CAPTION),
                ],
                spacing=6,
            ),
            padding=theme.SPACE_M,
            on_click=lambda: navigate(f"/studio/courses/{course.get('id')}"),
        )
    )


def course_card(entry: Json) -> ft.Control:
    """One of /me/courses: {"course": {...}, "lessons_done", "lessons_total", "percent", ...},
    or a course the teacher gives ({"teaching": True, "course": {...}})."""
    if entry.get("teaching"):
        return teaching_card(entry.get("course") or {}, entry.get("cover_url"))
    course = entry.get("course") or {}
    done, total = int(entry.get("lessons_done", 0)), int(entry.get("lessons_total", 0))
    pct = fmt.percent(done, total)
    status = f"{fmt.lessons_done(done, total)} ({pct} %)"
    if entry.get("certificate_id"):
        status += " · Kursintyg klart"
    return ft.Card(
        ft.Container(
            ft.Column(
                [
                    with_thumbnail(
                        ft.Column(
                            [
                                ft.Text(course.get("title", ""), weight=ft.FontWeight.W_600),
                                ft.Text(
                                    (course.get("teacher") or {}).get("display_name", ""),
                                    size=theme.CAPTION,
                                    color=theme.MUTED,
                                ),
                            ],
                            spacing=2,
                        ),
                        entry.get("cover_url"),
                    ),
                    ft.ProgressBar(value=pct / 100),
                    ft.Text(status, size=theme.CAPTION),
                ],
                spacing=6,
            ),
            padding=theme.SPACE_M,
            on_click=lambda: navigate(f"/courses/{course.get('id')}"),
        )
    )
