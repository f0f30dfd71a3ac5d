"""The seminar room inside the app (iOS and macOS): the web site's room page in a web view,
with a way out and a way to the browser. Elsewhere this address offers the browser instead."""

import flet as ft
import flet_webview as fwv

from wisdom_app import theme
from wisdom_app.components import call, navigate
from wisdom_app.context import use_app
from wisdom_app.features.seminars import actions


@ft.component
def RoomScreen() -> ft.Control:
    state = use_app()
    seminar_id = str(ft.use_route_params()["seminar_id"])
    page = ft.context.page
    link = state.room_links.get(seminar_id)
    in_app = actions.room_opens_in_app(page.platform, page.web)

    def leave() -> None:
        state.room_links.pop(seminar_id, None)
        navigate("/seminars")

    bar = ft.Row(
        [
            ft.TextButton("Lämna rummet", icon=ft.Icons.LOGOUT, on_click=leave),
            ft.TextButton(
                "Öppna i webbläsaren",
                icon=ft.Icons.OPEN_IN_BROWSER,
                on_click=call(actions.open_room_in_browser, state, seminar_id),
            ),
        ],
        alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        wrap=True,
    )
    if link and in_app:
        return ft.Column([bar, fwv.WebView(url=link, expand=True)], expand=True, spacing=0)
    # No room here: opened in a browser (or the app was restarted on this address).
    again = ft.FilledButton(
        "Gå med", icon=ft.Icons.VIDEOCAM_OUTLINED, on_click=call(actions.join_room, state, seminar_id)
    )
    return ft.Column(
        [
            bar,
            ft.Container(
                ft.Column(
                    [
                        ft.Icon(ft.Icons.VIDEOCAM_OUTLINED, size=48, color=theme.MUTED),
                        ft.Text(
                            "Seminariet öppnas här i appen."
                            if in_app
                            else "Seminariet hålls i webbläsaren, där kamera och mikrofon fungerar.",
                            text_align=ft.TextAlign.CENTER,
                        ),
                        *([again] if in_app else []),
                    ],
                    horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                    tight=True,
                ),
                alignment=ft.Alignment.CENTER,
                expand=True,
            ),
        ],
        expand=True,
    )
