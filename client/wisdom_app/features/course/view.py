"""The course page: what the course is, enrolling or buying, and its modules and lessons."""

from collections.abc import Callable
from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import call, cover_image, navigate, remote_view, screen, scroll
from wisdom_app.context import use_app
from wisdom_app.features.course import actions
from wisdom_app.features.covers.actions import cover_link
from wisdom_app.features.teachers.links import teacher_link
from wisdom_app.state import AppState, Remote

Handler = Callable[[], Any]


@ft.component
def CourseScreen() -> ft.Control:
    state = use_app()
    course_id = ft.use_route_params()["course_id"]
    page, _ = ft.use_state(Remote)
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await actions.load_course(state, page, course_id)

    ft.use_effect(load, [course_id])

    async def enroll() -> None:
        set_busy(True)
        try:
            if await actions.enroll(state, course_id):
                await load()
        finally:
            set_busy(False)

    async def buy(course: Json) -> None:
        set_busy(True)
        try:
            await actions.buy_course(state, course)
        finally:
            set_busy(False)

    def render(data: Json) -> ft.Control:
        course, access, progress = data["course"], data["access"], data["progress"]
        controls = [*course_cover(state, course), *course_intro(course)]
        if progress:
            controls += [
                ft.ProgressBar(value=fmt.percent(progress.get("lessons_done"), progress.get("lessons_total")) / 100),
                ft.Text(fmt.lessons_done(progress.get("lessons_done"), progress.get("lessons_total"))),
            ]
        if not access.get("access"):
            requirement = access.get("requirement") or {}
            controls += access_controls(state, course_id, requirement, busy, enroll, call(buy, course), load)
        done_ids = {str(i) for i in (progress or {}).get("completed_lesson_ids", [])}
        controls += lesson_list(course_id, course, bool(access.get("access")), done_ids)
        return scroll(controls)

    title = ((page.value or {}).get("course") or {}).get("title", "Kurs")
    return screen(
        title,
        remote_view(page, render, empty_text="Kursen finns inte.", on_retry=load),
        back="/",
    )


def course_cover(state: AppState, course: Json) -> list[ft.Control]:
    """The course's cover picture across the top, when it has one."""
    url = cover_link(state, course.get("cover_media_id"))
    if not url:
        return []
    label = f"Omslagsbild: {course.get('title', '')}"
    return [ft.Container(cover_image(url, label=label), height=220 if state.wide else 160)]


def course_intro(course: Json) -> list[ft.Control]:
    """The summary, the facts in one line, and the description."""
    teacher = course.get("teacher") or {}
    facts = (
        fmt.LEVELS.get(course.get("level", ""), ""),
        fmt.count(course.get("lesson_count"), "lektion", "lektioner"),
        fmt.minutes(course.get("total_minutes")),
        "Introduktionskurs" if course.get("is_intro") else "",
        fmt.BADGES.get(course.get("badge") or "", ""),
    )
    return [
        ft.Text(course.get("summary", ""), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ft.Row(
            [
                teacher_link(teacher.get("display_name", ""), teacher.get("id"), size=None),
                ft.Text(" · ".join(p for p in facts if p), color=theme.MUTED),
            ],
            wrap=True,
            spacing=theme.SPACE_XS,
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        ft.Markdown(course.get("description", ""), selectable=True) if course.get("description") else ft.Container(),
    ]


def access_controls(
    state: AppState,
    course_id: str,
    requirement: Json,
    busy: bool,
    enroll: Handler,
    buy: Handler,
    reload: Handler,
) -> list[ft.Control]:
    """For someone who cannot open the course yet: how to (enroll or buy), and the orders for
    it bought here."""
    pending = [o for o in state.orders.values() if str(o.get("course_id")) == course_id]
    controls: list[ft.Control] = []
    action = requirement.get("action")
    if action == "enroll":
        controls.append(
            ft.Row([ft.FilledButton("Börja kursen (gratis)", icon=ft.Icons.PLAY_ARROW, on_click=enroll, disabled=busy)])
        )
        slots = requirement.get("free_slots_left")
        if slots is not None:
            controls.append(
                ft.Text(f"Du kan gå {fmt.count(slots, 'gratiskurs', 'gratiskurser')} till.", size=theme.CAPTION)
            )
    elif action == "buy":
        price = fmt.money(requirement.get("price_cents"), requirement.get("currency", "SEK"))
        controls.append(
            ft.Row(
                [
                    ft.FilledButton(
                        f"Köp kursen för {price}",
                        icon=ft.Icons.SHOPPING_CART_OUTLINED,
                        on_click=buy,
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
            controls.append(ft.Row([ft.TextButton("Öppna kursen", on_click=reload)]))
    return controls


def lesson_list(course_id: str, course: Json, can_open: bool, done_ids: set[str]) -> list[ft.Control]:
    """The modules with their lessons, then the lessons outside any module."""
    controls: list[ft.Control] = []
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
        controls.append(ft.Text("Kursen har inga lektioner än.", color=theme.MUTED))
    return controls


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
