"""The catalogue's pieces: a course card (cover, badge, teacher, price) and the filters."""

from collections.abc import Callable
from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import call, choice_row, navigate
from wisdom_app.features.catalogue.actions import Filters

LEVEL_FILTERS: list[tuple[str, str]] = [("", "Alla nivåer"), *fmt.LEVELS.items()]
PRICE_FILTERS = [("", "Alla priser"), ("free", "Gratis"), ("paid", "Betalda")]
ALL_TEACHERS = "all"  # the teacher menu's "Alla lärare" (a menu option needs a key)
ALL_CATEGORIES = "all"  # the category menu's "Alla kategorier"
COVER_HEIGHT = 112

# A course without a picture gets a cover in the theme's colours, one pair per level, with
# one of these icons (the same for a course every time).
COVER_ICONS = [
    ft.Icons.SELF_IMPROVEMENT,
    ft.Icons.SPA_OUTLINED,
    ft.Icons.AUTO_STORIES_OUTLINED,
    ft.Icons.LIGHTBULB_OUTLINE,
    ft.Icons.PSYCHOLOGY_OUTLINED,
    ft.Icons.FAVORITE_BORDER,
]
COVER_COLOURS = {
    "beginner": (ft.Colors.PRIMARY_CONTAINER, ft.Colors.ON_PRIMARY_CONTAINER),
    "intermediate": (ft.Colors.SECONDARY_CONTAINER, ft.Colors.ON_SECONDARY_CONTAINER),
    "advanced": (ft.Colors.TERTIARY_CONTAINER, ft.Colors.ON_TERTIARY_CONTAINER),
}


def is_free(course: Json) -> bool:
    return bool(course.get("free") or course.get("is_intro") or not course.get("price_cents"))


def price_text(course: Json) -> str:
    return "Gratis" if is_free(course) else fmt.money(course.get("price_cents"), course.get("currency", "SEK"))


def badge(text: str) -> ft.Control:
    return ft.Container(
        ft.Text(text, size=theme.CAPTION, weight=ft.FontWeight.W_600, color=ft.Colors.ON_TERTIARY),
        bgcolor=ft.Colors.TERTIARY,
        border_radius=theme.RADIUS_PILL,
        padding=ft.Padding.symmetric(horizontal=theme.SPACE_S, vertical=2),
    )


def cover_icon(course: Json) -> ft.IconData:
    """An icon picked by the course's id: stable between runs (unlike hash())."""
    return COVER_ICONS[sum(str(course.get("id", "")).encode()) % len(COVER_ICONS)]


def cover(course: Json) -> ft.Control:
    """The course's picture when the API gives one (`cover_url`), else a calm panel in the
    theme's colours with an icon; an introduction course and the teacher's badge ("Nyhet",
    "Populär", ...) show on it either way."""
    background, foreground = COVER_COLOURS.get(course.get("level", ""), COVER_COLOURS["beginner"])
    names = ["Introduktion"] if course.get("is_intro") else []
    names += [fmt.BADGES[course["badge"]]] if course.get("badge") in fmt.BADGES else []
    badges = ft.Row([badge(name) for name in names], height=22, spacing=theme.SPACE_XS)
    url = course.get("cover_url")
    if url:
        picture = ft.Image(
            src=url,
            fit=ft.BoxFit.COVER,
            semantics_label=f"Omslagsbild: {course.get('title', '')}",
            left=0,
            right=0,
            top=0,
            bottom=0,
        )
        return ft.Stack([picture, ft.Container(badges, padding=theme.SPACE_S)], height=COVER_HEIGHT)
    return ft.Container(
        ft.Column(
            [badges, ft.Icon(cover_icon(course), size=40, color=foreground)],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            spacing=0,
        ),
        bgcolor=background,
        height=COVER_HEIGHT,
        padding=theme.SPACE_S,
    )


def course_card(course: Json) -> ft.Control:
    """A catalogue entry; tapping it opens the course page (where it is bought or started)."""
    facts = [
        fmt.CATEGORIES.get(course.get("category", ""), "") if course.get("category") != "other" else "",
        fmt.LEVELS.get(course.get("level", ""), ""),
        fmt.count(course.get("lesson_count"), "lektion", "lektioner"),
        fmt.minutes(course.get("total_minutes")) if course.get("total_minutes") else "",
    ]
    details = ft.Column(
        [
            ft.Text(course.get("title", ""), weight=ft.FontWeight.W_600, max_lines=2),
            ft.Text((course.get("teacher") or {}).get("display_name", ""), size=theme.CAPTION, color=theme.MUTED),
            ft.Row(
                [
                    ft.Text(" · ".join(f for f in facts if f), size=theme.CAPTION, color=theme.MUTED, expand=True),
                    ft.Text(price_text(course), weight=ft.FontWeight.W_600, color=theme.ACCENT),
                ]
            ),
        ],
        spacing=theme.SPACE_XS,
    )
    return ft.Card(
        ft.Container(
            ft.Column([cover(course), ft.Container(details, padding=theme.SPACE_M)], spacing=0),
            on_click=lambda: navigate(f"/courses/{course.get('id')}"),
        ),
        clip_behavior=ft.ClipBehavior.ANTI_ALIAS,
    )


def card_grid(courses: list[Json], columns: int) -> list[ft.Control]:
    """The cards in rows of `columns` (the last row keeps the cards' width)."""
    rows: list[ft.Control] = []
    for start in range(0, len(courses), columns):
        chunk = [ft.Container(course_card(c), expand=True) for c in courses[start : start + columns]]
        chunk += [ft.Container(expand=True) for _ in range(columns - len(chunk))]
        rows.append(ft.Row(chunk, vertical_alignment=ft.CrossAxisAlignment.START, spacing=theme.SPACE_S))
    return rows


def filter_panel(filters: Filters, teachers: list[Json], apply: Callable[[Filters], Any]) -> ft.Control:
    """Category, level, price, introduction courses and teacher: each change applies at once."""

    def set_category(e: ft.Event[ft.Dropdown]) -> None:
        chosen = e.control.value or ALL_CATEGORIES
        apply(filters.with_(category="" if chosen == ALL_CATEGORIES else chosen))

    def set_teacher(e: ft.Event[ft.Dropdown]) -> None:
        chosen = e.control.value or ALL_TEACHERS
        apply(filters.with_(teacher="" if chosen == ALL_TEACHERS else chosen))

    def label(text: str) -> ft.Control:
        return ft.Text(text, size=theme.CAPTION, weight=ft.FontWeight.W_600, color=theme.MUTED)

    intro = (ft.FilledTonalButton if filters.intro else ft.OutlinedButton)(
        "Gratis introduktionskurser",
        icon=ft.Icons.CHECK if filters.intro else ft.Icons.SCHOOL_OUTLINED,
        on_click=call(apply, filters.with_(intro=not filters.intro)),
    )
    categories = [ft.DropdownOption(key=ALL_CATEGORIES, text="Alla kategorier")]
    categories += [ft.DropdownOption(key=key, text=name) for key, name in fmt.CATEGORIES.items()]
    controls: list[ft.Control] = [
        ft.Dropdown(
            label="Kategori",
            value=filters.category or ALL_CATEGORIES,
            options=categories,
            on_select=set_category,
            expand=True,
        ),
        label("Nivå"),
        choice_row(LEVEL_FILTERS, filters.level, lambda level: apply(filters.with_(level=level))),
        label("Pris"),
        choice_row(PRICE_FILTERS, filters.price, lambda price: apply(filters.with_(price=price))),
        ft.Row([intro], wrap=True),
    ]
    known = {str(t.get("id")) for t in teachers}
    if teachers:
        chosen = filters.teacher if filters.teacher in known else ALL_TEACHERS
        options = [ft.DropdownOption(key=ALL_TEACHERS, text="Alla lärare")]
        options += [ft.DropdownOption(key=str(t["id"]), text=t.get("display_name", "")) for t in teachers]
        controls += [
            ft.Dropdown(label="Lärare", value=chosen, options=options, on_select=set_teacher, expand=True),
        ]
    return ft.Column(controls, spacing=theme.SPACE_XS, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
