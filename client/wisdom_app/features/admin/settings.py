"""Platform settings that apply to everyone at once (counts, and rates in per cent), each
changed after asking."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import ask, bind, icon_button, remote_view, scroll, show_message, use_form
from wisdom_app.context import use_app
from wisdom_app.features.admin import actions
from wisdom_app.features.admin.frame import Reload, admin_page, attempt, card, muted
from wisdom_app.features.admin.labels import SETTINGS, is_percent, setting_label, setting_value
from wisdom_app.state import Remote


def _field_text(key: str, value: object) -> str:
    """The value in the field: per cent without the sign (the field shows it), or the number."""
    return setting_value(key, value).replace("\u00a0%", "") if isinstance(value, int) else str(value or "")


def _parse(key: str, text: str) -> int:
    """What the admin typed, as the API keeps it; ValueError for anything else."""
    if is_percent(key):
        return fmt.parse_percent(text)
    if not text.lstrip("-").isdigit():
        raise ValueError(text)
    return int(text)


@ft.component
def SettingRow(entry: Json, reload: Reload) -> ft.Control:
    state = use_app()
    key = str(entry["key"])
    form = use_form(lambda: {"value": _field_text(key, entry.get("value"))})
    label = setting_label(key)
    percent = is_percent(key)

    def save() -> None:
        try:
            value = _parse(key, str(form["value"]).strip())
        except ValueError:
            show_message(f"{label}: skriv {'procent, till exempel 12,5' if percent else 'ett heltal'}.")
            return
        if value == entry.get("value"):
            show_message("Värdet är redan sparat.")
            return
        before, after = setting_value(key, entry.get("value")), setting_value(key, value)
        ask(
            "Ändra inställningen?",
            f"{label}: från {before} till {after}. Det gäller direkt för alla.",
            "Spara",
            lambda: attempt(lambda: actions.save_setting(state, key, value), f"{label} är nu {after}.", reload),
        )

    return card(
        [
            ft.Text(label, weight=ft.FontWeight.W_600),
            # The API's description is English: a setting this app does not know shows none.
            muted(SETTINGS[key][1] if key in SETTINGS else ""),
            ft.Row(
                [
                    ft.TextField(
                        label="Värde i procent" if percent else "Värde",
                        suffix="%" if percent else None,
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
