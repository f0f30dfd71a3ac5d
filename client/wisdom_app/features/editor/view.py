"""The course editor: the course's outline (its fields, modules and lessons) beside the lesson
being edited; on a phone, one of them at a time."""

import flet as ft

from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import after_leaving, remote_view, screen
from wisdom_app.context import use_app
from wisdom_app.features.editor import actions
from wisdom_app.features.editor.lesson import LessonEditor
from wisdom_app.features.editor.outline import CourseOutline
from wisdom_app.state import Remote

__all__ = ["CourseEditor"]

OUTLINE_WIDTH = 360
EDITOR_MAX_WIDTH = 1600


@ft.component
def CourseEditor() -> ft.Control:
    state = use_app()
    course_id = ft.use_route_params()["course_id"]
    course, _ = ft.use_state(Remote)
    selected, set_selected = ft.use_state(None)

    async def load() -> None:
        await actions.load_course(state, course, course_id)

    ft.use_effect(load, [course_id])

    def choose(lesson_id: str | None) -> None:
        """Another lesson (or the outline, on a phone): unsaved changes of this one ask first."""
        after_leaving(lambda: set_selected(lesson_id))

    def render(data: Json) -> ft.Control:
        outline = CourseOutline(data, selected, choose, load)
        editor = (
            LessonEditor(selected, load)
            if selected
            else ft.Text(
                "Välj en lektion till vänster, eller lägg till en.",
                color=theme.MUTED,
            )
        )
        if state.wide:
            return ft.Row(
                [
                    ft.Container(outline, width=OUTLINE_WIDTH),
                    ft.VerticalDivider(width=1),
                    ft.Container(editor, expand=True),
                ],
                expand=True,
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        if selected:
            return ft.Column(
                [
                    ft.TextButton(
                        "Till kursens innehåll",
                        icon=ft.Icons.ARROW_BACK,
                        on_click=lambda: choose(None),
                    ),
                    ft.Container(editor, expand=True),
                ],
                expand=True,
            )
        return outline

    title = (course.value or {}).get("title", "Kurs")
    return screen(
        f"Kursredigerare: {title}",
        remote_view(course, render, empty_text="", on_retry=load),
        back="/studio",
        max_width=EDITOR_MAX_WIDTH,
    )
