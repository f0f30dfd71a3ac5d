"""A teacher's page: photo, bio, verified certifications, what they offer (courses, services,
upcoming seminars) and "Skicka meddelande", which opens the conversation with them."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import navigate, remote_view, screen, scroll, with_thumbnail
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.home.services_view import ServiceCard
from wisdom_app.features.seminars.view import SeminarCard
from wisdom_app.features.teachers import actions
from wisdom_app.state import AppState, Remote


@ft.component
def TeacherScreen() -> ft.Control:
    state = use_app()
    teacher_id = ft.use_route_params()["teacher_id"]
    teacher, _ = ft.use_state(Remote)
    busy, set_busy = ft.use_state(False)
    # Why a conversation could not be opened (a student who has bought nothing from the teacher).
    problem, set_problem = ft.use_state("")

    async def load() -> None:
        set_problem("")
        await actions.load_teacher(state, teacher, teacher_id)

    ft.use_effect(load, [teacher_id])

    async def write() -> None:
        set_busy(True)
        set_problem("")
        try:
            conversation_id = await actions.open_conversation(state, teacher_id)
        except ApiError as exc:
            set_problem(exc.message)
            return
        finally:
            set_busy(False)
        navigate(f"/messages/{conversation_id}")

    own = str((state.profile or {}).get("id")) == teacher_id

    def render(data: Json) -> ft.Control:
        controls: list[ft.Control] = [teacher_header(state, data)]
        if not own:
            controls.append(
                ft.Row(
                    [
                        ft.FilledButton(
                            "Skicka meddelande", icon=ft.Icons.CHAT_BUBBLE_OUTLINE, on_click=write, disabled=busy
                        )
                    ]
                )
            )
        if problem:
            controls.append(explanation(problem))
        if data.get("bio"):
            controls.append(ft.Text(data["bio"]))
        controls += certifications(data.get("certifications") or [])
        controls += offer(data)
        return scroll(controls)

    name = (teacher.value or {}).get("display_name") or "Lärare"
    return screen(
        name,
        remote_view(teacher, render, empty_text="Läraren finns inte.", on_retry=load, loading_text="Hämtar läraren …"),
        back="/teachers",
    )


def avatar(state: AppState, person: Json, radius: float) -> ft.Control:
    """The person's photo, or the first letter of their name while there is none."""
    media_id = person.get("avatar_media_id")
    return ft.CircleAvatar(
        content=ft.Text((person.get("display_name") or "?")[:1].upper(), size=radius * 0.8),
        foreground_image_src=actions.avatar_link(state, str(media_id)) if media_id else None,
        radius=radius,
    )


def teacher_header(state: AppState, data: Json) -> ft.Control:
    verified = bool(data.get("certifications"))
    return ft.Row(
        [
            avatar(state, data, 40),
            ft.Column(
                [
                    ft.Text(data.get("display_name", ""), theme_style=ft.TextThemeStyle.TITLE_LARGE),
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.VERIFIED if verified else ft.Icons.SCHOOL_OUTLINED, size=16),
                            ft.Text(
                                "Lärare med verifierad utbildning" if verified else "Lärare på Wisdom",
                                size=theme.CAPTION,
                                color=theme.MUTED,
                            ),
                        ],
                        spacing=theme.SPACE_XS,
                    ),
                ],
                spacing=theme.SPACE_XS,
                expand=True,
            ),
        ],
        spacing=theme.SPACE_L,
    )


def explanation(text: str) -> ft.Control:
    """Why the conversation did not open, in a calm box (it is not a failure of the app)."""
    return ft.Container(
        ft.Row(
            [
                ft.Icon(ft.Icons.INFO_OUTLINE, color=ft.Colors.ON_SECONDARY_CONTAINER),
                ft.Text(text, color=ft.Colors.ON_SECONDARY_CONTAINER, expand=True),
            ],
            spacing=theme.SPACE_S,
        ),
        bgcolor=ft.Colors.SECONDARY_CONTAINER,
        border_radius=theme.RADIUS_S,
        padding=theme.SPACE_M,
    )


def heading(text: str) -> ft.Control:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600)


def certifications(items: list[Json]) -> list[ft.Control]:
    """The verified certifications: title, issuer and year."""
    if not items:
        return []
    rows: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.VERIFIED, color=theme.ACCENT, size=18),
                ft.Text(
                    " · ".join(str(p) for p in (c.get("title"), c.get("issuer"), c.get("year")) if p),
                    expand=True,
                ),
            ],
            spacing=theme.SPACE_S,
        )
        for c in items
    ]
    return [heading("Certifieringar"), *rows]


def offer(data: Json) -> list[ft.Control]:
    """Courses, services and upcoming seminars, each opening its page or its buying and booking."""
    courses, services, seminars = (data.get(k) or [] for k in ("courses", "services", "seminars"))
    if not (courses or services or seminars):
        name = data.get("display_name") or "Läraren"
        return [
            ft.Text(
                f"{name} har inga kurser, tjänster eller seminarier just nu.",
                color=theme.MUTED,
            )
        ]
    controls: list[ft.Control] = []
    if courses:
        controls += [heading("Kurser"), *(course_card(c) for c in courses)]
    if services:
        controls += [heading("Tjänster"), *(ServiceCard(s) for s in services)]
    if seminars:
        controls += [heading("Seminarier"), *(SeminarCard(s) for s in seminars)]
    return controls


def course_card(course: Json) -> ft.Control:
    """A published course: title, summary, level, length and price; it opens the course page."""
    price = "Gratis" if course.get("free") else fmt.money(course.get("price_cents"), course.get("currency", "SEK"))
    facts = (
        fmt.LEVELS.get(course.get("level", ""), ""),
        fmt.count(course.get("lesson_count"), "lektion", "lektioner"),
        fmt.minutes(course.get("total_minutes")),
        price,
    )
    course_id = course.get("id")

    def open_course() -> None:
        navigate(f"/courses/{course_id}")

    return ft.Card(
        ft.Container(
            ft.Column(
                [
                    with_thumbnail(
                        ft.Text(course.get("title", ""), weight=ft.FontWeight.W_600), course.get("cover_url")
                    ),
                    ft.Text(course.get("summary", ""), max_lines=2, overflow=ft.TextOverflow.ELLIPSIS),
                    ft.Text(" · ".join(p for p in facts if p), size=theme.CAPTION, color=theme.MUTED),
                ],
                spacing=theme.SPACE_XS,
            ),
            padding=theme.SPACE_M,
            on_click=open_course,
        )
    )
