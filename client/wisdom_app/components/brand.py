"""The brand's marks (web/BRAND.md): the logo and the wordmark, and the cover pictures of
courses, services and seminars."""

from collections.abc import Callable

import flet as ft

from wisdom_app import theme


def logo(size: float = 32, label: str | None = "Wisdom") -> ft.Image:
    """The lotus mark for light backgrounds (assets/brand). With a label it is the app's name
    for a screen reader; without one it is decoration."""
    return ft.Image(
        src=theme.LOGO,
        width=size,
        height=size,
        fit=ft.BoxFit.CONTAIN,
        semantics_label=label,
        exclude_from_semantics=label is None,
    )


def wordmark(size: float = 20) -> ft.Control:
    """The mark with "Wisdom" in Lora beside it (the app bar). The picture carries the name for
    a screen reader, so the text is not read twice."""
    return ft.Row(
        [
            logo(size * 1.5),
            ft.Text(
                "Wisdom",
                font_family=theme.HEADING_FONT,
                size=size,
                weight=ft.FontWeight.W_600,
                color=ft.Colors.PRIMARY,
                semantics_label="",
            ),
        ],
        spacing=theme.SPACE_S,
        tight=True,
        vertical_alignment=ft.CrossAxisAlignment.CENTER,
    )


def cover_image(
    src: str | None,
    *,
    label: str | None,
    width: float | None = None,
    height: float | None = None,
    radius: float = theme.RADIUS_M,
) -> ft.Control:
    """A cover picture (a URL of GET /media/{id}, public) at 16:9, cropped to fill; without a
    picture a quiet lavender-to-rose surface with the mark, so every card has the same shape.
    Without a label the picture is decoration (a card's own texts say what it is)."""
    if width is not None and height is None:
        height = width / theme.COVER_ASPECT
    placeholder = ft.Container(
        logo(40, None),
        alignment=ft.Alignment.CENTER,
        gradient=ft.LinearGradient(
            begin=ft.Alignment.TOP_LEFT,
            end=ft.Alignment.BOTTOM_RIGHT,
            colors=[theme.LAVENDEL, theme.ROSA],
        ),
        width=width,
        height=height,
        border_radius=radius,
    )
    if not src:
        return placeholder
    return ft.Image(
        src=src,
        width=width,
        height=height,
        fit=ft.BoxFit.COVER,
        border_radius=radius,
        semantics_label=label,
        exclude_from_semantics=label is None,
        error_content=placeholder,
    )


def with_thumbnail(control: ft.Control, src: str | None, width: float = 96) -> ft.Control:
    """A card's title beside a small cover picture (16:9) when there is one."""
    if not src:
        return control
    return ft.Row(
        [ft.Container(control, expand=True), cover_image(src, label=None, width=width, radius=theme.RADIUS_S)],
        spacing=theme.SPACE_S,
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def cover_picker(
    src: str | None,
    *,
    busy: bool,
    on_choose: Callable[[], object],
    on_remove: Callable[[], object],
) -> ft.Control:
    """The studio's cover field: the picture (or its placeholder), "Välj omslagsbild" and, with a
    picture, "Ta bort omslagsbild". The handlers are the editor's (they upload and save)."""
    return ft.Column(
        [
            ft.Text("Omslagsbild", weight=ft.FontWeight.W_600),
            cover_image(src, label="Omslagsbild", width=280),
            ft.Row(
                [
                    ft.OutlinedButton(
                        "Byt omslagsbild" if src else "Välj omslagsbild",
                        icon=ft.Icons.IMAGE_OUTLINED,
                        on_click=on_choose,
                        disabled=busy,
                    ),
                    ft.TextButton(
                        "Ta bort omslagsbild",
                        icon=ft.Icons.DELETE_OUTLINE,
                        on_click=on_remove,
                        disabled=busy,
                        visible=bool(src),
                    ),
                    ft.ProgressRing(width=18, height=18, visible=busy),
                ],
                wrap=True,
                spacing=theme.SPACE_S,
            ),
            ft.Text("JPEG, PNG eller WebP, gärna i formatet 16:9.", size=theme.CAPTION, color=theme.MUTED),
        ],
        spacing=theme.SPACE_S,
        tight=True,
    )
