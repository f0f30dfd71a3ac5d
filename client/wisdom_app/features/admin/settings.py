"""Platform settings: whole numbers that apply to everyone at once, each changed after asking."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import ask, bind, icon_button, remote_view, scroll, show_message, use_form
from wisdom_app.context import use_app
from wisdom_app.features.admin import actions
from wisdom_app.features.admin.frame import Reload, admin_page, attempt, card, muted
from wisdom_app.state import Remote

SETTING_LABELS = {
    "free_course_limit": "Gratiskurser per elev",
    "platform_fee_bps": "Plattformsavgift (baspunkter, 1000 = 10 %)",
    "vat_rate_bps": "Moms på kvitton (baspunkter, 2500 = 25 %)",
}


@ft.component
def SettingRow(entry: Json, reload: Reload) -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"value": str(entry.get("value", ""))})
    key = str(entry["key"])
    label = SETTING_LABELS.get(key, key)

    def save() -> None:
        text = str(form["value"]).strip()
        if not text.lstrip("-").isdigit():
            show_message(f"{label}: skriv ett heltal.")
            return
        value = int(text)
        if value == entry.get("value"):
            show_message("Värdet är redan sparat.")
            return
        ask(
            "Ändra inställningen?",
            f"{label}: från {entry.get('value')} till {value}. Det gäller direkt för alla.",
            "Spara",
            lambda: attempt(lambda: actions.save_setting(state, key, value), f"{label} är nu {value}.", reload),
        )

    return card(
        [
            ft.Text(label, weight=ft.FontWeight.W_600),
            muted(f"{entry.get('description', '')} ({key})"),
            ft.Row(
                [
                    ft.TextField(
                        label="Värde",
                        value=form["value"],
                        # A new saved value makes a new field, showing that value.
                        key=f"{key}-{entry.get('value')}",
                        on_change=bind(form, "value"),
                        keyboard_type=ft.KeyboardType.NUMBER,
                        width=160,
                    ),
                    ft.FilledTonalButton("Spara", icon=ft.Icons.SAVE_OUTLINED, on_click=save),
                ]
            ),
            muted(f"Senast ändrad {fmt.when(entry.get('updated_at'))}"),
        ]
    )


@ft.component
def SettingsAdminScreen() -> ft.Control:
    state = use_app()
    config, _ = ft.use_state(Remote)

    async def load() -> None:
        await actions.load_settings(state, config)

    ft.use_effect(load, [])

    def render(data: Json) -> ft.Control:
        return scroll([SettingRow(entry, load) for entry in data.get("items", [])])

    return admin_page(
        "/admin/settings",
        remote_view(config, render, empty_text="Inga inställningar.", on_retry=load),
        icon_button(ft.Icons.REFRESH, "Uppdatera inställningar", on_click=load),
    )
