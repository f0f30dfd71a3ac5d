"""A screen's frame: its title row, a way back, a scrolling body, section headers."""

import flet as ft

from wisdom_app import theme
from wisdom_app.components.controls import icon_button
from wisdom_app.components.events import navigate


def section_title(text: str, trailing: ft.Control | None = None) -> ft.Control:
    title = ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_LARGE, weight=ft.FontWeight.W_600)
    if trailing is None:
        return title
    return ft.Row([title, trailing], alignment=ft.MainAxisAlignment.SPACE_BETWEEN)


def back_button(route: str) -> ft.Control:
    return icon_button(ft.Icons.ARROW_BACK, "Tillbaka", lambda: navigate(route))


def screen(
    title: str,
    body: ft.Control,
    *,
    back: str | None = None,
    actions: list[ft.Control] | None = None,
    max_width: int = theme.CONTENT_MAX_WIDTH,
) -> ft.Control:
    """A sub-screen: a title row (with a way back) above a scrolling body of bounded width."""
    header: list[ft.Control] = []
    if back is not None:
        header.append(back_button(back))
    header.append(
        ft.Text(
            title,
            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            weight=ft.FontWeight.W_600,
            expand=True,
        )
    )
    header.extend(actions or [])
    return ft.Column(
        [
            ft.Row(header, vertical_alignment=ft.CrossAxisAlignment.CENTER),
            ft.Container(body, expand=True, width=max_width),
        ],
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )


def scroll(controls: list[ft.Control], spacing: int = 12) -> ft.Control:
    """A scrolling column whose children take its whole width (form fields reach the edge on
    a phone); a button placed in it goes inside a Row, so it keeps its own width."""
    return ft.Column(
        controls,
        spacing=spacing,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
