"""The course page (modules, lessons, enroll or buy) and the lesson view (Markdown, audio or
video, mark as done, quiz)."""

import asyncio
from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.state import AppState, Remote
from wisdom_app.widgets import (
    call,
    error_text,
    navigate,
    remote_view,
    screen,
    scroll,
    show_message,
)


async def load_course_page(state: AppState, course_id: str) -> Json:
    """The course, what it takes to open it, and the caller's progress when enrolled."""
    course, access = await asyncio.gather(state.api.course(course_id), state.api.course_access(course_id))
    progress = None
    if access.get("access") and access.get("role") == "enrolled":
        progress = await state.api.course_progress(course_id)
    return {"course": course, "access": access, "progress": progress}


@ft.component
def CourseScreen() -> ft.Control:
    state = use_app()
    course_id = ft.use_route_params()["course_id"]
    page, _ = ft.use_state(Remote)
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await page.load(lambda: load_course_page(state, course_id))

    ft.use_effect(load, [course_id])

    async def enroll() -> None:
        set_busy(True)
        try:
            await state.api.enroll(course_id)
            await state.load_my_courses()
            show_message("Du är inskriven. Välkommen!")
            await load()
        except ApiError as exc:
            show_message(exc.message)
        finally:
            set_busy(False)

    async def buy(course: Json) -> None:
        set_busy(True)
        try:
            order = await state.buy_course(course)
            show_message(f"Order {order.get('order_number')}: betala i webbläsaren.")
        except ApiError as exc:
            show_message(exc.message)
        finally:
            set_busy(False)

    def render(data: Json) -> ft.Control:
        course, access, progress = data["course"], data["access"], data["progress"]
        done_ids = {str(i) for i in (progress or {}).get("completed_lesson_ids", [])}
        requirement = access.get("requirement") or {}
        pending = [o for o in state.orders.values() if str(o.get("course_id")) == course_id]
        controls: list[ft.Control] = [
            ft.Text(course.get("summary", ""), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            ft.Text(
                " · ".join(
                    p
                    for p in (
                        (course.get("teacher") or {}).get("display_name", ""),
                        fmt.LEVELS.get(course.get("level", ""), ""),
                        fmt.count(course.get("lesson_count"), "lektion", "lektioner"),
                        fmt.minutes(course.get("total_minutes")),
                        "Introduktionskurs" if course.get("is_intro") else "",
                    )
                    if p
                ),
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
            ft.Markdown(course.get("description", ""), selectable=True)
            if course.get("description")
            else ft.Container(),
        ]
        if progress:
            controls += [
                ft.ProgressBar(value=progress.get("percent", 0) / 100),
                ft.Text(f"{progress.get('lessons_done', 0)} av {progress.get('lessons_total', 0)} lektioner klara"),
            ]
        if not access.get("access"):
            action = requirement.get("action")
            if action == "enroll":
                slots = requirement.get("free_slots_left")
                controls.append(
                    ft.Row(
                        [
                            ft.FilledButton(
                                "Börja kursen (gratis)",
                                icon=ft.Icons.PLAY_ARROW,
                                on_click=enroll,
                                disabled=busy,
                            )
                        ]
                    )
                )
                if slots is not None:
                    controls.append(
                        ft.Text(f"Du kan gå {fmt.count(slots, 'gratiskurs', 'gratiskurser')} till.", size=12)
                    )
            elif action == "buy":
                controls.append(
                    ft.Row(
                        [
                            ft.FilledButton(
                                f"Köp kursen för {fmt.money(requirement.get('price_cents'), requirement.get('currency', 'SEK'))}",
                                icon=ft.Icons.SHOPPING_CART_OUTLINED,
                                on_click=call(buy, course),
                                disabled=busy or any(o.get("status") == "pending" for o in pending),
                            )
                        ]
                    )
                )
            else:
                controls.append(ft.Text("Kursen går inte att börja just nu.", color=ft.Colors.ERROR))
            for order in pending:
                controls.append(
                    ft.Text(f"Order {order.get('order_number')}: {fmt.ORDER_STATUS.get(order.get('status', ''), '')}")
                )
                if order.get("status") in ("paid", "fulfilled"):
                    controls.append(ft.Row([ft.TextButton("Öppna kursen", on_click=load)]))
        can_open = bool(access.get("access"))
        for module in course.get("modules", []):
            controls.append(
                ft.Text(
                    module.get("title", ""),
                    theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                    weight=ft.FontWeight.W_600,
                )
            )
            controls += [
                lesson_tile(course_id, lesson, can_open, str(lesson["id"]) in done_ids)
                for lesson in module.get("lessons", [])
            ]
        loose = course.get("loose_lessons") or []
        if loose:
            controls.append(ft.Text("Fler lektioner", theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
            controls += [lesson_tile(course_id, lesson, can_open, str(lesson["id"]) in done_ids) for lesson in loose]
        if not course.get("modules") and not loose:
            controls.append(ft.Text("Kursen har inga lektioner än.", color=ft.Colors.ON_SURFACE_VARIANT))
        return scroll(controls)

    title = ((page.value or {}).get("course") or {}).get("title", "Kurs")
    return screen(
        title,
        remote_view(page, render, empty_text="Kursen finns inte.", on_retry=load),
        back="/",
    )


def lesson_tile(course_id: str, lesson: Json, can_open: bool, done: bool) -> ft.Control:
    facts = [fmt.minutes(lesson.get("duration_minutes"))]
    if lesson.get("has_media"):
        facts.append("ljud/video")
    if lesson.get("quiz_id"):
        facts.append("quiz")
    return ft.ListTile(
        leading=ft.Icon(
            ft.Icons.CHECK_CIRCLE if done else (ft.Icons.PLAY_CIRCLE_OUTLINE if can_open else ft.Icons.LOCK_OUTLINE)
        ),
        title=ft.Text(lesson.get("title", "")),
        subtitle=ft.Text(" · ".join(f for f in facts if f)),
        disabled=not can_open,
        on_click=lambda: navigate(f"/courses/{course_id}/lessons/{lesson['id']}"),
    )


@ft.component
def LessonScreen() -> ft.Control:
    state = use_app()
    params = ft.use_route_params()
    course_id, lesson_id = params["course_id"], params["lesson_id"]
    lesson, _ = ft.use_state(Remote)
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await lesson.load(lambda: state.api.lesson(lesson_id))

    ft.use_effect(load, [lesson_id])

    async def mark_done() -> None:
        set_busy(True)
        try:
            progress = await state.api.complete_lesson(lesson_id)
            lesson.value = {**lesson.value, "completed": True}
            show_message(f"Bra jobbat! {progress.get('percent', 0)} % av kursen är klar.")
            await state.load_my_courses()
        except ApiError as exc:
            show_message(exc.message)
        finally:
            set_busy(False)

    def render(data: Json) -> ft.Control:
        controls: list[ft.Control] = []
        media = data.get("media")
        if media:
            controls.append(MediaPlayer(media))
        controls.append(
            ft.Markdown(
                data.get("content_md") or "*Lektionen har ingen text.*",
                selectable=True,
                extension_set=ft.MarkdownExtensionSet.GITHUB_WEB,
            )
        )
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


@ft.component
def MediaPlayer(media: Json) -> ft.Control:
    """Video plays from the API with the session's token; audio is read into the app first
    (the audio player cannot send headers)."""
    state = use_app()
    content_type = str(media.get("content_type", ""))
    playing, set_playing = ft.use_state(False)
    error, set_error = ft.use_state("")
    player_ref = ft.use_ref(None)
    headers, set_headers = ft.use_state(None)

    async def load_headers() -> None:
        set_headers(await state.api.auth_headers())

    async def stop() -> None:
        if player_ref.current is not None:
            await player_ref.current.release()
            player_ref.current = None

    ft.use_effect(load_headers, [media.get("id")], cleanup=stop)

    if content_type.startswith("video/"):
        if headers is None:
            return ft.ProgressRing()
        import flet_video

        return ft.Container(
            flet_video.Video(
                playlist=[flet_video.VideoMedia(state.api.media_link(str(media["id"])), http_headers=headers)],
                autoplay=False,
                aspect_ratio=16 / 9,
            ),
            height=320,
        )

    async def toggle() -> None:
        import flet_audio

        set_error("")
        try:
            if player_ref.current is None:
                data = await state.api.media_bytes(str(media["id"]))
                player_ref.current = flet_audio.Audio(src=data)
            player: Any = player_ref.current
            if playing:
                await player.pause()
            else:
                await player.play()
            set_playing(not playing)
        except ApiError as exc:
            set_error(exc.message)

    return ft.Column(
        [
            ft.Row(
                [
                    ft.FilledTonalButton(
                        "Pausa" if playing else "Spela upp ljudet",
                        icon=ft.Icons.PAUSE if playing else ft.Icons.PLAY_ARROW,
                        on_click=toggle,
                    ),
                    ft.Text(f"{media.get('size_bytes', 0) // 1024} kB", size=12),
                ]
            ),
            error_text(error),
        ]
    )


@ft.component
def QuizView(quiz: Json) -> ft.Control:
    state = use_app()
    answers, set_answers = ft.use_state(dict)
    result, set_result = ft.use_state(None)
    error, set_error = ft.use_state("")

    def choose(question: Json, index: int, checked: bool) -> None:
        qid = str(question["id"])
        chosen = set(answers.get(qid, []))
        if question.get("multiple"):
            chosen = chosen | {index} if checked else chosen - {index}
        else:
            chosen = {index}
        set_answers({**answers, qid: sorted(chosen)})

    async def submit() -> None:
        if len(answers) < len(quiz.get("questions", [])):
            set_error("Svara på alla frågor först.")
            return
        set_error("")
        try:
            set_result(await state.api.submit_quiz(str(quiz["id"]), answers))
        except ApiError as exc:
            set_error(exc.message)

    controls: list[ft.Control] = [
        ft.Divider(),
        ft.Text(
            quiz.get("title") or "Quiz",
            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
            weight=ft.FontWeight.W_600,
        ),
        ft.Text(
            f"Godkänt från {quiz.get('pass_mark_percent', 0)} % rätt."
            + (" Du har redan klarat det." if quiz.get("passed") else "")
        ),
    ]
    for number, question in enumerate(quiz.get("questions", []), start=1):
        qid = str(question["id"])
        controls.append(ft.Text(f"{number}. {question.get('prompt', '')}", weight=ft.FontWeight.W_500))
        for index, option in enumerate(question.get("options", [])):
            controls.append(
                ft.Checkbox(
                    label=option,
                    value=index in answers.get(qid, []),
                    on_change=lambda e, q=question, i=index: choose(q, i, bool(e.control.value)),
                )
            )
    controls.append(error_text(error))
    controls.append(ft.Row([ft.FilledButton("Skicka svar", on_click=submit)]))
    if result:
        verdict = "Godkänt!" if result.get("passed") else "Inte godkänt den här gången. Försök igen."
        controls.append(
            ft.Text(
                f"{result.get('correct_count')} av {result.get('question_count')} rätt ({result.get('score_percent')} %). {verdict}",
                weight=ft.FontWeight.W_600,
            )
        )
    return ft.Column(controls, spacing=6)
