"""The course catalogue (/courses): search, filters, course cards and "Visa fler". The filters
start from the address (/courses?intro=true is HOME's link to the free introduction courses);
a card opens the course page, where the course is bought or started."""

from urllib.parse import urlparse

import flet as ft

from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import bind, remote_view, use_form
from wisdom_app.context import use_app
from wisdom_app.features.catalogue import actions
from wisdom_app.features.catalogue.actions import Filters, filters_from_route
from wisdom_app.features.catalogue.parts import card_grid, filter_panel
from wisdom_app.state import Remote

FILTER_COLUMN_WIDTH = 300
WIDE_GRID_MIN_WIDTH = 1400  # three cards a row from here, two below (one on a phone)


def current_route() -> str:
    return ft.context.page.route or "/courses"


def empty_text(filters: Filters) -> str:
    if filters.q and filters.count:
        return f"Inga kurser matchar ”{filters.q}” med de valda filtren."
    if filters.q:
        return f"Inga kurser matchar ”{filters.q}”."
    if filters.active:
        return "Inga kurser matchar de valda filtren."
    return "Det finns inga kurser än. Titta in snart igen!"


def teacher_choices(filters: Filters, teachers: list[Json], shown: list[Json]) -> list[Json]:
    """The teachers to pick from; a teacher chosen by the address but not among them (the list
    holds the first page) is added under the name their courses give."""
    if not filters.teacher or any(str(t.get("id")) == filters.teacher for t in teachers):
        return teachers
    named = [c["teacher"] for c in shown if str((c.get("teacher") or {}).get("id")) == filters.teacher]
    return [*teachers, named[0]] if named else teachers


@ft.component
def CatalogueScreen() -> ft.Control:
    state = use_app()
    query = urlparse(current_route()).query
    filters, set_filters = ft.use_state(lambda: filters_from_route(current_route()))
    courses, _ = ft.use_state(Remote)
    teachers, _ = ft.use_state(Remote)
    panel_open, set_panel_open = ft.use_state(False)
    # The search field is drawn anew (a new key) when the filters are cleared from outside it.
    field_key, set_field_key = ft.use_state(0)
    more_busy, set_more_busy = ft.use_state(False)
    form = use_form(lambda: {"q": filters.q})
    wanted = ft.use_ref(filters)

    def apply(new: Filters) -> None:
        form["q"] = new.q
        set_filters(new)

    def follow_address() -> None:
        """Another catalogue address while the screen is open (HOME's link): its filters."""
        from_address = filters_from_route(current_route())
        if from_address != filters:
            apply(from_address)
            set_field_key(lambda k: k + 1)

    ft.use_effect(follow_address, [query])

    async def load() -> None:
        wanted.current = filters
        await actions.load_courses(state, courses, filters, lambda: wanted.current == filters)

    ft.use_effect(load, [filters])

    async def load_teachers() -> None:
        await actions.load_teachers(state, teachers)

    ft.use_effect(load_teachers, [])

    def search() -> None:
        apply(filters.with_(q=str(form["q"] or "").strip()))

    def clear() -> None:
        apply(Filters())
        set_field_key(lambda k: k + 1)

    def toggle_panel() -> None:
        set_panel_open(not panel_open)

    async def more() -> None:
        set_more_busy(True)
        try:
            await actions.load_more_courses(state, courses, filters)
        finally:
            set_more_busy(False)

    def render(items: list[Json]) -> ft.Control:
        columns = (3 if state.width >= WIDE_GRID_MIN_WIDTH else 2) if state.wide else 1
        rows = card_grid(items, columns)
        if courses.next_cursor:
            rows.append(
                ft.Row(
                    [ft.OutlinedButton("Visa fler", icon=ft.Icons.EXPAND_MORE, on_click=more, disabled=more_busy)],
                    alignment=ft.MainAxisAlignment.CENTER,
                )
            )
        return ft.ListView(rows, spacing=theme.SPACE_S, expand=True)

    def clear_button() -> ft.Control:
        label = "Rensa filter" if filters.count else "Rensa sökningen"
        return ft.TextButton(label, icon=ft.Icons.FILTER_ALT_OFF_OUTLINED, on_click=clear)

    results = ft.Column(
        [
            ft.ProgressBar(visible=courses.loading and courses.loaded),
            ft.Container(
                remote_view(
                    courses,
                    render,
                    empty_text=empty_text(filters),
                    empty_icon=ft.Icons.SEARCH_OFF,
                    empty_action=clear_button() if filters.active else None,
                    on_retry=load,
                    loading_text="Hämtar kurser …",
                ),
                expand=True,
            ),
        ],
        expand=True,
        spacing=theme.SPACE_XS,
    )
    search_row = ft.Row(
        [
            ft.TextField(
                key=f"q{field_key}",
                label="Sök kurser",
                value=filters.q,
                prefix_icon=ft.Icons.SEARCH,
                on_change=bind(form, "q"),
                on_submit=search,
                expand=True,
            ),
            ft.FilledButton("Sök", on_click=search),
        ]
    )
    panel = filter_panel(filters, teacher_choices(filters, teachers.items, courses.items), apply)
    title = ft.Text("Kurser", theme_style=ft.TextThemeStyle.HEADLINE_SMALL, weight=ft.FontWeight.W_600)
    if state.wide:
        side = ft.Column(
            [panel, ft.Row([clear_button()], visible=filters.active)],
            width=FILTER_COLUMN_WIDTH,
            scroll=ft.ScrollMode.AUTO,
        )
        main = ft.Column([search_row, results], expand=True)
        return ft.Column(
            [
                title,
                ft.Row(
                    [side, main], expand=True, vertical_alignment=ft.CrossAxisAlignment.STRETCH, spacing=theme.SPACE_L
                ),
            ],
            expand=True,
        )
    filter_label = f"Filter ({filters.count})" if filters.count else "Filter"
    toggle = (ft.FilledTonalButton if panel_open else ft.OutlinedButton)(
        filter_label, icon=ft.Icons.TUNE, on_click=toggle_panel
    )
    return ft.Column(
        [
            search_row,
            ft.Row([toggle, clear_button()] if filters.active else [toggle], wrap=True),
            ft.Container(panel, visible=panel_open),
            results,
        ],
        expand=True,
        spacing=theme.SPACE_S,
    )
