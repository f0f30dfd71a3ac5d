"""Nytt lösenord: where the reset mail's link (/reset-password?token=...) lands, on the web and
as a deep link on phones. The token works once and for a short while."""

from urllib.parse import parse_qs, urlsplit

import flet as ft

from wisdom_app.components import bind, error_text, navigate, use_form
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.account import actions
from wisdom_app.features.auth.view import _card, _centered

MIN_PASSWORD = 8
USED_OR_EXPIRED = (
    "Länken har redan använts eller har gått ut (den gäller i 30 minuter). Be om en ny länk under Glömt lösenord."
)


def token_in(route: str | None) -> str:
    """The reset token of the link the app was opened with ("" when it has none)."""
    values = parse_qs(urlsplit(route or "").query).get("token", [])
    return values[0].strip() if values else ""


def password_problem(password: str, repeated: str) -> str:
    """What is wrong with a new password typed twice ("" when nothing is)."""
    if not password or not repeated:
        return "Skriv det nya lösenordet två gånger."
    if len(password) < MIN_PASSWORD:
        return f"Lösenordet ska vara minst {MIN_PASSWORD} tecken."
    if password != repeated:
        return "Lösenorden är inte likadana. Skriv samma lösenord i båda fälten."
    return ""


@ft.component
def ResetPasswordScreen() -> ft.Control:
    state = use_app()
    token, _ = ft.use_state(lambda: token_in(ft.context.page.route))
    form = use_form(lambda: {"password": "", "repeated": ""})
    error, set_error = ft.use_state("")
    expired, set_expired = ft.use_state(not token)
    busy, set_busy = ft.use_state(False)

    async def save() -> None:
        problem = password_problem(form["password"], form["repeated"])
        if problem:
            set_error(problem)
            return
        set_busy(True)
        set_error("")
        try:
            await actions.reset_password(state, token, form["password"])
        except ApiError as exc:
            set_busy(False)
            if exc.code == "invalid_reset_token":
                set_expired(True)
            else:
                set_error(exc.message)
            return
        navigate("/")

    if expired:
        return _centered(
            _card(
                "Länken fungerar inte",
                [
                    ft.Text(USED_OR_EXPIRED if token else "Länken saknar sin kod. Öppna länken i mejlet igen."),
                    ft.FilledButton("Be om en ny länk", on_click=lambda: navigate("/forgot")),
                    ft.TextButton("Tillbaka till inloggningen", on_click=lambda: navigate("/")),
                ],
                state.width,
            )
        )
    return _centered(
        _card(
            "Välj ett nytt lösenord",
            [
                ft.Text("Skriv ditt nya lösenord två gånger. Sedan loggar du in med det."),
                error_text(error),
                ft.TextField(
                    label="Nytt lösenord",
                    value=form["password"],
                    password=True,
                    can_reveal_password=True,
                    helper="Minst 8 tecken",
                    autofill_hints=[ft.AutofillHint.NEW_PASSWORD],
                    on_change=bind(form, "password"),
                    autofocus=True,
                ),
                ft.TextField(
                    label="Upprepa lösenordet",
                    value=form["repeated"],
                    password=True,
                    can_reveal_password=True,
                    autofill_hints=[ft.AutofillHint.NEW_PASSWORD],
                    on_change=bind(form, "repeated"),
                    on_submit=save,
                ),
                ft.FilledButton("Spara nytt lösenord", on_click=save, disabled=busy),
                ft.ProgressBar(visible=busy),
                ft.TextButton("Tillbaka till inloggningen", on_click=lambda: navigate("/")),
            ],
            state.width,
        )
    )
