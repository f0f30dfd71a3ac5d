"""Pieces every screen uses: loading, empty and error states, section headers, messages."""

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from wisdom_app.state import Remote


def loading_state(text: str = "Laddar …") -> ft.Control:
    return ft.Container(
        ft.Column(
            [
                ft.ProgressRing(width=28, height=28),
                ft.Text(text, color=ft.Colors.ON_SURFACE_VARIANT),
            ],
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            tight=True,
        ),
        padding=24,
        alignment=ft.Alignment.CENTER,
    )


def empty_state(
    text: str,
    icon: ft.IconData = ft.Icons.INBOX_OUTLINED,
    action: ft.Control | None = None,
) -> ft.Control:
    controls: list[ft.Control] = [
        ft.Icon(icon, size=36, color=ft.Colors.OUTLINE),
        ft.Text(text, text_align=ft.TextAlign.CENTER, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    if action is not None:
        controls.append(action)
    return ft.Container(
        ft.Column(controls, horizontal_alignment=ft.CrossAxisAlignment.CENTER, tight=True),
        padding=24,
        alignment=ft.Alignment.CENTER,
    )


def error_state(message: str, on_retry: Callable[[], Any] | None = None) -> ft.Control:
    controls: list[ft.Control] = [
        ft.Icon(ft.Icons.CLOUD_OFF, size=36, color=ft.Colors.ERROR),
        ft.Text(message, text_align=ft.TextAlign.CENTER, color=ft.Colors.ERROR),
    ]
    if on_retry is not None:
        controls.append(ft.OutlinedButton("Försök igen", icon=ft.Icons.REFRESH, on_click=on_retry))
    return ft.Container(
        ft.Column(controls, horizontal_alignment=ft.CrossAxisAlignment.CENTER, tight=True),
        padding=24,
        alignment=ft.Alignment.CENTER,
    )


def remote_view(
    remote: Remote,
    render: Callable[[Any], ft.Control],
    *,
    empty_text: str,
    on_retry: Callable[[], Any],
    loading_text: str = "Laddar …",
    empty_icon: ft.IconData = ft.Icons.INBOX_OUTLINED,
    empty_action: ft.Control | None = None,
) -> ft.Control:
    """The loading, error, empty or loaded state of something fetched from the API. When a
    refresh fails, what was loaded before stays, under a line that says so."""
    nothing = remote.value is None or (isinstance(remote.value, list) and not remote.value)
    if remote.error and (not remote.loaded or nothing):
        return error_state(remote.error, on_retry)
    if remote.error:
        return ft.Column(
            [stale_notice(remote.error, on_retry), ft.Container(render(remote.value), expand=True)],
            expand=True,
            spacing=6,
        )
    if not remote.loaded:
        return loading_state(loading_text)
    if remote.is_empty:
        return empty_state(empty_text, empty_icon, empty_action)
    return render(remote.value)


def stale_notice(message: str, on_retry: Callable[[], Any]) -> ft.Control:
    """Above a list that could not be refreshed: why, and a way to try again."""
    return ft.Container(
        ft.Row(
            [
                ft.Icon(ft.Icons.CLOUD_OFF, size=18, color=ft.Colors.ON_ERROR_CONTAINER),
                ft.Text(
                    f"Kunde inte uppdatera: {message}",
                    size=12,
                    color=ft.Colors.ON_ERROR_CONTAINER,
                    expand=True,
                ),
                ft.TextButton("Försök igen", on_click=on_retry),
            ]
        ),
        bgcolor=ft.Colors.ERROR_CONTAINER,
        border_radius=8,
        padding=ft.Padding.symmetric(horizontal=10, vertical=2),
    )


def section_title(text: str, trailing: ft.Control | None = None) -> ft.Control:
    title = ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_LARGE, weight=ft.FontWeight.W_600)
    if trailing is None:
        return title
    return ft.Row([title, trailing], alignment=ft.MainAxisAlignment.SPACE_BETWEEN)


def error_text(message: str) -> ft.Control:
    return ft.Text(message, color=ft.Colors.ERROR, visible=bool(message))


def info_text(message: str) -> ft.Control:
    return ft.Text(message, color=ft.Colors.PRIMARY, visible=bool(message))


def show_message(text: str) -> None:
    """A short message at the bottom of the screen."""
    ft.context.page.show_dialog(ft.SnackBar(ft.Text(text)))


def call(action: Callable[..., Any], *args: Any) -> Callable[[], Awaitable[None]]:
    """An event handler that runs action(*args) and awaits what it returns: the way to give a
    handler arguments (`on_click=call(save, True)`). A lambda would hand Flet the coroutine,
    which Flet never awaits; this is an async function, which Flet does await."""

    async def handler() -> None:
        result = action(*args)
        if inspect.isawaitable(result):
            await result

    return handler


def navigate(route: str) -> None:
    ft.context.page.navigate(route)


def icon_button(icon: ft.IconData, label: str, on_click: Callable[..., Any] | None = None, **kwargs: Any) -> ft.Control:
    """An icon button that says what it does: the label is its tooltip and its accessible name
    (what a screen reader says, and what a UI test finds it by). A tooltip alone lands on a
    node beside the button, and Flutter may lend its text to an enclosing card instead."""
    return ft.IconButton(ft.Icon(icon, semantics_label=label), tooltip=label, on_click=on_click, **kwargs)


def back_button(route: str) -> ft.Control:
    return icon_button(ft.Icons.ARROW_BACK, "Tillbaka", lambda: navigate(route))


def screen(
    title: str,
    body: ft.Control,
    *,
    back: str | None = None,
    actions: list[ft.Control] | None = None,
    max_width: int = 960,
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


def use_form(initial: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A form's values, kept without re-rendering on every keystroke: a re-render while the
    person types would send the field a value that is already behind the keys in flight."""
    ref = ft.use_ref(initial)
    values: dict[str, Any] = ref.current
    return values


def bind(values: dict[str, Any], key: str) -> Callable[[Any], None]:
    def changed(e: Any) -> None:
        values[key] = e.control.value

    return changed


def ask(
    title: str,
    text: str,
    confirm_label: str,
    on_confirm: Callable[[], Any],
    *,
    fields: list[ft.Control] | None = None,
    validate: Callable[[], str] | None = None,
    destructive: bool = False,
) -> None:
    """A dialog that asks before something that cannot be undone; on_confirm (sync or async)
    runs after the dialog closes. Extra fields (a reason, an amount) go under the text, and
    validate() returns what is wrong with them (the dialog then stays open and says so)."""
    page = ft.context.page
    problem = ft.Text("", color=ft.Colors.ERROR, visible=False)

    async def confirmed() -> None:
        wrong = validate() if validate is not None else ""
        if wrong:
            problem.value, problem.visible = wrong, True
            problem.update()
            return
        page.pop_dialog()
        result = on_confirm()
        if inspect.isawaitable(result):
            await result

    confirm_style = ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR) if destructive else None
    page.show_dialog(
        ft.AlertDialog(
            modal=True,
            title=ft.Text(title),
            content=ft.Column([ft.Text(text), *(fields or []), problem], tight=True, width=420),
            actions=[
                ft.TextButton("Avbryt", on_click=lambda: page.pop_dialog()),
                ft.FilledButton(confirm_label, on_click=confirmed, style=confirm_style),
            ],
        )
    )


def choice_row(options: list[tuple[Any, str]], current: Any, choose: Callable[[Any], Any]) -> ft.Control:
    """Buttons that pick one of a few values (a filter); the current one is filled."""
    return ft.Row(
        [
            (ft.FilledTonalButton if value == current else ft.TextButton)(label, on_click=call(choose, value))
            for value, label in options
        ],
        wrap=True,
        spacing=4,
    )


def count_pill(count: int, label: str) -> ft.Control:
    """A small filled pill with a number (unread messages): `label` is what a screen reader
    says, e.g. "3 olästa"."""
    return ft.Container(
        ft.Text(str(count), size=12, color=ft.Colors.ON_PRIMARY, weight=ft.FontWeight.W_600),
        bgcolor=ft.Colors.PRIMARY,
        border_radius=10,
        padding=ft.Padding.symmetric(horizontal=8, vertical=2),
        tooltip=label,
    )
