"""A lesson: its media, its text (Markdown), marking it as done, and its quiz."""

import flet as ft

from wisdom_app.api import Json
from wisdom_app.components import remote_view, screen, scroll
from wisdom_app.context import use_app
from wisdom_app.features.lesson import actions
from wisdom_app.features.lesson.body_view import LessonBody
from wisdom_app.features.lesson.media_view import MediaPlayer
from wisdom_app.features.lesson.quiz_view import QuizView
from wisdom_app.state import Remote


@ft.component
def LessonScreen() -> ft.Control:
    state = use_app()
    params = ft.use_route_params()
    course_id, lesson_id = params["course_id"], params["lesson_id"]
    lesson, _ = ft.use_state(Remote)
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await actions.load_lesson(state, lesson, lesson_id)

    ft.use_effect(load, [lesson_id])

    async def mark_done() -> None:
        set_busy(True)
        try:
            await actions.complete_lesson(state, lesson, lesson_id)
        finally:
            set_busy(False)

    def render(data: Json) -> ft.Control:
        controls: list[ft.Control] = []
        media = data.get("media")
        if media:
            controls.append(MediaPlayer(media))
        controls.append(LessonBody(data.get("content_md") or "", data.get("links") or []))
        controls.append(
            ft.Row(
                [
                    ft.FilledButton(
                        "Klar" if data.get("completed") else "Markera som klar",
                        icon=ft.Icons.CHECK,
                        on_click=mark_done,
                        disabled=busy or bool(data.get("completed")),
                    )
                ]
            )
        )
        if data.get("quiz"):
            controls.append(QuizView(data["quiz"]))
        return scroll(controls)

    title = (lesson.value or {}).get("title", "Lektion")
    return screen(
        title,
        remote_view(lesson, render, empty_text="Lektionen finns inte.", on_retry=load),
        back=f"/courses/{course_id}",
    )
