"""Serverinställningar: which API the app talks to (signed in or not)."""

import flet as ft

from wisdom_app import theme
from wisdom_app.components import bind, error_text, icon_button, navigate, show_message, use_form
from wisdom_app.config import default_api_url
from wisdom_app.context import use_app
from wisdom_app.features.auth import actions as session


@ft.component
def SettingsScreen() -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"url": state.api_url})
    field_key, set_field_key = ft.use_state(0)
    error, set_error = ft.use_state("")
    page = ft.context.page
    default = default_api_url(page.platform.value if page.platform else None, web=page.web)

    async def save() -> None:
        try:
            await session.change_api_url(state, form["url"])
        except ValueError as exc:
            set_error(str(exc))
            return
        set_error("")
        show_message("Adressen är sparad.")
        navigate("/")

    async def reset() -> None:
        await session.reset_api_url(state, default)
        form["url"] = default
        set_field_key(field_key + 1)
        show_message("Standardadressen används.")

    return ft.Container(
        ft.Column(
            [
                ft.Row(
                    [
                        icon_button(
                            ft.Icons.ARROW_BACK,
                            "Tillbaka",
                            on_click=lambda: navigate("/"),
                        ),
                        ft.Text(
                            "Serverinställningar",
                            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
                        ),
                    ]
                ),
                ft.Text("Adressen till Wisdoms API. Byter du server loggas du ut."),
                ft.TextField(
                    label="API-adress",
                    value=form["url"],
                    key=f"url-{field_key}",
                    on_change=bind(form, "url"),
                    keyboard_type=ft.KeyboardType.URL,
                ),
                error_text(error),
                ft.Text(
                    f"Standard för den här enheten: {default}",
                    size=theme.CAPTION,
                    color=theme.MUTED,
                ),
                ft.Row(
                    [
                        ft.FilledButton("Spara adress", on_click=save),
                        ft.TextButton("Återställ standard", on_click=reset),
                    ],
                    wrap=True,
                ),
            ],
            spacing=theme.SPACE_M,
        ),
        padding=theme.SPACE_XL,
        width=560,
    )
