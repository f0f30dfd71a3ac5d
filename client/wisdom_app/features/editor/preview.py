"""The course editor's permanent preview: the lesson exactly as its page shows it (the same
LessonBody, the same fonts), in a 16:9 frame of 1280x720 logical pixels scaled to fit, redrawn
as the teacher types."""

from dataclasses import dataclass, field

import flet as ft

from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.features.lesson.body_view import LessonBody

CANVAS_WIDTH, CANVAS_HEIGHT = 1280, 720
CANVAS_LABEL = "Förhandsvisning 1280 × 720"


@ft.observable
@dataclass
class Draft:
    """What the preview draws: the lesson's title and Markdown, and its links as the API last
    gave them. Only the preview re-renders when it changes, so the field being written in is
    never re-rendered under the teacher's fingers."""

    title: str = ""
    text: str = ""
    links: list[Json] = field(default_factory=list)


def canvas_scale(width: float) -> float:
    """How much the 1280-wide frame is shrunk (or grown) to be `width` wide."""
    return max(width, 1) / CANVAS_WIDTH


@ft.component
def PreviewCanvas(draft: Draft, width: float) -> ft.Control:
    scale = canvas_scale(width)
    page = ft.Container(
        ft.Column(
            [
                ft.Text(draft.title, theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM, font_family=theme.HEADING_FONT),
                LessonBody(draft.text, draft.links, empty="*Tom lektion*"),
            ],
            scroll=ft.ScrollMode.AUTO,
            spacing=theme.SPACE_M,
        ),
        width=CANVAS_WIDTH,
        height=CANVAS_HEIGHT,
        padding=ft.Padding.symmetric(horizontal=96, vertical=48),
        bgcolor=theme.LINNE,
        scale=ft.Scale(scale, alignment=ft.Alignment.TOP_LEFT),
        left=0,
        top=0,
    )
    frame = ft.Container(
        ft.Stack([page], clip_behavior=ft.ClipBehavior.HARD_EDGE),
        width=CANVAS_WIDTH * scale,
        height=CANVAS_HEIGHT * scale,
        border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
    )
    return ft.Column(
        [
            ft.Text("Förhandsvisning (som eleven ser lektionen)", size=theme.CAPTION, color=theme.MUTED),
            ft.Semantics(content=frame, label=CANVAS_LABEL, container=True),
        ],
        spacing=theme.SPACE_XS,
    )
