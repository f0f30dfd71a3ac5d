"""A teacher's payouts: whether the payment provider can pay them, and the way to set it up."""

import flet as ft

from wisdom_app.api import Json
from wisdom_app.components import icon_button, remote_view
from wisdom_app.context import use_app
from wisdom_app.features.profile import actions
from wisdom_app.state import Remote


@ft.component
def PayoutStatus() -> ft.Control:
    state = use_app()
    status, _ = ft.use_state(Remote)
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await actions.load_payout_status(state, status)

    ft.use_effect(load, [])

    async def onboard() -> None:
        set_busy(True)
        try:
            await actions.start_payout_onboarding(state)
        finally:
            set_busy(False)

    def render(data: Json) -> ft.Control:
        ready = data.get("payouts_enabled") and data.get("charges_enabled")
        if ready:
            text = "Utbetalningar är aktiva. Pengarna från dina försäljningar betalas ut automatiskt."
        elif data.get("connected"):
            text = "Kontot är kopplat men uppgifter saknas innan utbetalningar kan göras."
        else:
            text = "Koppla ett konto för utbetalningar för att kunna ta betalt."
        controls: list[ft.Control] = [
            ft.Row(
                [
                    ft.Icon(
                        ft.Icons.CHECK_CIRCLE if ready else ft.Icons.INFO_OUTLINE,
                        color=ft.Colors.GREEN if ready else ft.Colors.ORANGE,
                    ),
                    ft.Text(text, expand=True),
                ]
            )
        ]
        if not ready:
            controls.append(ft.Row([ft.FilledTonalButton("Koppla utbetalningar", on_click=onboard, disabled=busy)]))
        return ft.Column(controls)

    return ft.Column(
        [
            ft.Row(
                [
                    ft.Text(
                        "Utbetalningar",
                        theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                        weight=ft.FontWeight.W_600,
                    ),
                    icon_button(
                        ft.Icons.REFRESH,
                        "Uppdatera utbetalningsstatus",
                        on_click=load,
                    ),
                ]
            ),
            remote_view(status, render, empty_text="", on_retry=load),
        ]
    )
