"""Signed out: Logga in, Skapa konto, Glömt lösenord. The actions are the session's
(features/auth/actions.py)."""

from collections.abc import Callable

import flet as ft

from wisdom_app import theme
from wisdom_app.components import bind, error_text, info_text, navigate, use_form
from wisdom_app.components import logo as brand_logo
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.account.actions import developer_settings_shown
from wisdom_app.features.auth import actions as session


def _card(
    title: str, controls: list[ft.Control], window_width: float, on_logo_long_press: Callable[[], None] | None = None
) -> ft.Control:
    """The signed-out forms: FORM_MAX_WIDTH wide, or the window's width on a phone. A long
    press on the logo may reveal the developer settings (on_logo_long_press)."""
    logo: ft.Control = ft.Text(
        "Wisdom",
        theme_style=ft.TextThemeStyle.DISPLAY_SMALL,
        weight=ft.FontWeight.W_600,
        color=ft.Colors.PRIMARY,
    )
    if on_logo_long_press is not None:
        logo = ft.GestureDetector(logo, on_long_press=on_logo_long_press)
    return ft.Container(
        ft.Column(
            [
                ft.Row([brand_logo(56, None)]),  # decoration: the wordmark below names the app
                logo,
                ft.Text(title, theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
                *controls,
            ],
            spacing=14,
            tight=True,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        ),
        width=min(theme.FORM_MAX_WIDTH, window_width),
        padding=theme.SPACE_XL,
    )


def _centered(content: ft.Control) -> ft.Control:
    return ft.Column(
        [ft.Row([content], alignment=ft.MainAxisAlignment.CENTER)],
        alignment=ft.MainAxisAlignment.CENTER,
        scroll=ft.ScrollMode.AUTO,
        expand=True,
    )


SIGNED_OUT_ROUTES = ("/", "/register", "/forgot", "/settings", "/reset-password")


def after_sign_in(route: str | None) -> str:
    """Where to go once signed in: the link the app was opened with (a course page), or HOME."""
    return route if route and route.split("?")[0] not in SIGNED_OUT_ROUTES else "/"


@ft.component
def LoginScreen() -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"email": "", "password": ""})
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def sign_in() -> None:
        email, password = form["email"], form["password"]
        if not email.strip() or not password:
            set_error("Fyll i e-post och lösenord.")
            return
        set_busy(True)
        set_error("")
        try:
            await session.sign_in(state, email, password)
        except ApiError as exc:
            set_error(exc.message)
            set_busy(False)
            return
        navigate(after_sign_in(ft.context.page.route))

    def reveal_developer_settings() -> None:
        state.developer_settings = True

    return _centered(
        _card(
            "Logga in",
            [
                error_text(error or state.notice),
                info_text("" if error or state.notice else state.signed_out_info),
                ft.TextField(
                    label="E-post",
                    value=form["email"],
                    keyboard_type=ft.KeyboardType.EMAIL,
                    autofill_hints=[ft.AutofillHint.EMAIL],
                    on_change=bind(form, "email"),
                    autofocus=True,
                ),
                ft.TextField(
                    label="Lösenord",
                    value=form["password"],
                    password=True,
                    can_reveal_password=True,
                    autofill_hints=[ft.AutofillHint.PASSWORD],
                    on_change=bind(form, "password"),
                    on_submit=sign_in,
                ),
                ft.FilledButton("Logga in", on_click=sign_in, disabled=busy),
                ft.ProgressBar(visible=busy),
                ft.Row(
                    [
                        ft.TextButton("Skapa konto", on_click=lambda: navigate("/register")),
                        ft.TextButton("Glömt lösenord?", on_click=lambda: navigate("/forgot")),
                    ],
                    alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
                    wrap=True,
                ),
                ft.TextButton(
                    "Serverinställningar",
                    icon=ft.Icons.SETTINGS_OUTLINED,
                    on_click=lambda: navigate("/settings"),
                    visible=developer_settings_shown(state),
                ),
            ],
            state.width,
            on_logo_long_press=reveal_developer_settings,
        )
    )


@ft.component
def RegisterScreen() -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"name": "", "email": "", "password": ""})
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def register() -> None:
        name, email, password = form["name"], form["email"], form["password"]
        if not name.strip() or not email.strip() or not password:
            set_error("Fyll i namn, e-post och lösenord.")
            return
        if len(password) < 8:
            set_error("Lösenordet ska vara minst 8 tecken.")
            return
        set_busy(True)
        set_error("")
        try:
            await session.register(state, email, password, name)
        except ApiError as exc:
            set_error(exc.message)
            set_busy(False)
            return
        navigate("/")

    return _centered(
        _card(
            "Skapa konto",
            [
                error_text(error),
                ft.TextField(
                    label="Namn",
                    value=form["name"],
                    on_change=bind(form, "name"),
                    autofocus=True,
                ),
                ft.TextField(
                    label="E-post",
                    value=form["email"],
                    keyboard_type=ft.KeyboardType.EMAIL,
                    on_change=bind(form, "email"),
                ),
                ft.TextField(
                    label="Lösenord",
                    value=form["password"],
                    password=True,
                    can_reveal_password=True,
                    helper="Minst 8 tecken",
                    on_change=bind(form, "password"),
                    on_submit=register,
                ),
                ft.Text(
                    "Genom att skapa ett konto godkänner du villkoren och integritetspolicyn.",
                    size=theme.CAPTION,
                    color=theme.MUTED,
                ),
                ft.FilledButton("Skapa konto", on_click=register, disabled=busy),
                ft.ProgressBar(visible=busy),
                ft.TextButton("Har du redan ett konto? Logga in", on_click=lambda: navigate("/")),
            ],
            state.width,
        )
    )


@ft.component
def ForgotScreen() -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"email": ""})
    error, set_error = ft.use_state("")
    sent, set_sent = ft.use_state(False)
    busy, set_busy = ft.use_state(False)

    async def send() -> None:
        email = form["email"]
        if "@" not in email:
            set_error("Skriv e-postadressen till ditt konto.")
            return
        set_busy(True)
        set_error("")
        try:
            await session.request_password_reset(state, email)
        except ApiError as exc:
            set_error(exc.message)
        else:
            set_sent(True)
        finally:
            set_busy(False)

    return _centered(
        _card(
            "Glömt lösenord",
            [
                ft.Text("Vi skickar en länk där du kan välja ett nytt lösenord."),
                error_text(error),
                info_text(
                    "Om adressen hör till ett konto är ett mejl på väg. Länken gäller en kort stund." if sent else ""
                ),
                ft.TextField(
                    label="E-post",
                    value=form["email"],
                    keyboard_type=ft.KeyboardType.EMAIL,
                    on_change=bind(form, "email"),
                    on_submit=send,
                    autofocus=True,
                ),
                ft.FilledButton("Skicka länk", on_click=send, disabled=busy),
                ft.ProgressBar(visible=busy),
                ft.TextButton("Tillbaka till inloggningen", on_click=lambda: navigate("/")),
            ],
            state.width,
        )
    )
