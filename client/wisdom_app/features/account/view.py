"""Dina uppgifter in Profil (download everything, delete the account) and the screen that
deletes the account after saying plainly what goes and what the bookkeeping keeps."""

import flet as ft

from wisdom_app import theme
from wisdom_app.components import ask, bind, call, error_text, navigate, screen, scroll, use_form
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.account import actions

# What DELETE /me removes and keeps (docs/api.md, "Your data and deleting your account").
DELETED = [
    "Din profil: namn, e-post, presentation och profilbild (kontot finns kvar som "
    "”Borttagen användare” och går inte att logga in på).",
    "Meddelanden (hela samtalen), inlägg, kommentarer, reaktioner, anmälningar och omdömen.",
    "Dina kurser, framsteg och kursintyg, dina seminarieplatser och bokningar.",
    "Notiser, mejl och filer du har laddat upp.",
    "Är du lärare arkiveras dina kurser och tjänster och kommande seminarier ställs in.",
]
KEPT = (
    "Beställningar, betalningar och återbetalningar sparas som bokföring, utan ditt namn och din "
    "e-post, till och med den 31 december sjunde året efter betalningen (bokföringslagen). "
    "Sedan raderas de."
)
BLOCKERS = (
    "Kontot kan inte raderas medan andra väntar på något från dig: kommande seminarier med "
    "deltagare, bokade pass, betalda beställningar som inte har levererats eller sålda paket "
    "med klipp kvar."
)


@ft.component
def PrivacySection() -> ft.Control:
    """Profil's "Dina uppgifter": the download and the way to deleting the account."""
    state = use_app()
    busy, set_busy = ft.use_state(False)

    async def download() -> None:
        set_busy(True)
        try:
            await actions.download_my_data(state)
        finally:
            set_busy(False)

    return ft.Column(
        [
            ft.Text("Dina uppgifter", theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600),
            ft.Text(
                "Hämta allt Wisdom sparar om dig som en zip-fil, eller radera ditt konto.",
                color=theme.MUTED,
            ),
            ft.Row(
                [
                    ft.OutlinedButton(
                        "Ladda ner mina uppgifter",
                        icon=ft.Icons.DOWNLOAD_OUTLINED,
                        on_click=download,
                        disabled=busy,
                    ),
                    ft.TextButton(
                        "Radera mitt konto",
                        icon=ft.Icons.DELETE_FOREVER_OUTLINED,
                        style=ft.ButtonStyle(color=theme.DANGER, icon_color=theme.DANGER),
                        on_click=lambda: navigate("/profile/delete-account"),
                    ),
                ],
                wrap=True,
            ),
            ft.ProgressBar(visible=busy),
        ]
    )


def _bullets(lines: list[str]) -> ft.Control:
    return ft.Column(
        [
            ft.Row(
                [ft.Text("•"), ft.Text(line, expand=True)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
            for line in lines
        ],
        spacing=theme.SPACE_XS,
    )


def _heading(text: str) -> ft.Control:
    return ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600)


@ft.component
def DeleteAccountScreen() -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"password": ""})
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def delete() -> None:
        set_busy(True)
        set_error("")
        try:
            await actions.delete_account(state, form["password"])
        except ApiError as exc:
            set_error(exc.message)
            set_busy(False)
            return
        navigate("/")

    def confirm() -> None:
        if not form["password"]:
            set_error("Skriv ditt lösenord för att radera kontot.")
            return
        set_error("")
        ask(
            "Radera kontot för alltid?",
            "Det går inte att ångra. Du loggas ut och kan inte logga in igen med det här kontot.",
            "Radera kontot",
            delete,
            destructive=True,
        )

    body = scroll(
        [
            _heading("Det här raderas"),
            _bullets(DELETED),
            _heading("Det här sparas"),
            ft.Text(KEPT),
            ft.Text(BLOCKERS, color=theme.MUTED),
            ft.Text("Vill du spara något? Ladda ner dina uppgifter först."),
            ft.Row(
                [
                    ft.OutlinedButton(
                        "Ladda ner mina uppgifter",
                        icon=ft.Icons.DOWNLOAD_OUTLINED,
                        on_click=call(actions.download_my_data, state),
                    ),
                ]
            ),
            ft.Divider(),
            ft.TextField(
                label="Ditt lösenord",
                value=form["password"],
                password=True,
                can_reveal_password=True,
                autofill_hints=[ft.AutofillHint.PASSWORD],
                on_change=bind(form, "password"),
                on_submit=confirm,
            ),
            error_text(error),
            ft.Row(
                [
                    ft.FilledButton(
                        "Radera mitt konto",
                        icon=ft.Icons.DELETE_FOREVER_OUTLINED,
                        style=ft.ButtonStyle(bgcolor=theme.DANGER, color=ft.Colors.ON_ERROR),
                        on_click=confirm,
                        disabled=busy,
                    ),
                    ft.TextButton("Avbryt", on_click=lambda: navigate("/profile")),
                ]
            ),
            ft.ProgressBar(visible=busy),
        ]
    )
    return screen("Radera mitt konto", body, back="/profile", max_width=720)
