"""The certificates of the person's finished courses, each with its PDF."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import call, icon_button, remote_view
from wisdom_app.context import use_app
from wisdom_app.features.profile import actions
from wisdom_app.state import Remote


@ft.component
def Certificates() -> ft.Control:
    state = use_app()
    certificates, _ = ft.use_state(Remote)

    async def load() -> None:
        await actions.load_certificates(state, certificates)

    ft.use_effect(load, [])

    def render(items: list[Json]) -> ft.Control:
        return ft.Column(
            [
                ft.ListTile(
                    leading=ft.Icon(ft.Icons.WORKSPACE_PREMIUM_OUTLINED),
                    title=ft.Text(c.get("course_title", "")),
                    subtitle=ft.Text(
                        f"{c.get('teacher_name', '')} · {fmt.day(c.get('issued_at'))} · kod {c.get('code', '')}"
                    ),
                    trailing=icon_button(
                        ft.Icons.DOWNLOAD,
                        "Hämta PDF",
                        on_click=call(actions.download_certificate, state, c),
                    ),
                )
                for c in items
            ]
        )

    return ft.Column(
        [
            ft.Text(
                "Kursintyg",
                theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                weight=ft.FontWeight.W_600,
            ),
            remote_view(
                certificates,
                render,
                empty_text="Inga kursintyg än. Du får ett när du har gått klart en kurs.",
                empty_icon=ft.Icons.WORKSPACE_PREMIUM_OUTLINED,
                on_retry=load,
            ),
        ]
    )
