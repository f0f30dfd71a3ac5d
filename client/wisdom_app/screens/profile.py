"""Profil: display name and bio (edit and save), avatar, certificates, and for teachers the
payout status. Also the settings screen (which API the app talks to)."""

import asyncio
import mimetypes

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.config import default_api_url
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.state import AppState, Remote
from wisdom_app.widgets import (
    bind,
    call,
    error_text,
    icon_button,
    info_text,
    navigate,
    remote_view,
    scroll,
    section_title,
    show_message,
    use_form,
)


@ft.component
def ProfileScreen() -> ft.Control:
    state = use_app()
    profile = state.profile or {}
    form = use_form(lambda: {"name": profile.get("display_name", ""), "bio": profile.get("bio", "")})
    saved, set_saved = ft.use_state("")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def save() -> None:
        name, bio = form["name"], form["bio"]
        if not name.strip():
            set_error("Visningsnamnet får inte vara tomt.")
            return
        set_busy(True)
        set_error("")
        set_saved("")
        try:
            await state.api.update_me(display_name=name.strip(), bio=bio.strip())
            state.profile = await state.api.me()
            set_saved("Sparat")
        except ApiError as exc:
            set_error(exc.message)
        finally:
            set_busy(False)

    controls: list[ft.Control] = [
        section_title("Profil"),
        AvatarEditor(),
        ft.Text(profile.get("display_name", ""), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ft.Text(
            f"{profile.get('email', '')} · {fmt.ROLES.get(profile.get('role', ''), '')}",
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
        ft.TextField(
            label="Visningsnamn",
            value=form["name"],
            max_length=80,
            on_change=bind(form, "name"),
        ),
        ft.TextField(
            label="Om mig",
            value=form["bio"],
            multiline=True,
            min_lines=2,
            max_lines=6,
            max_length=4000,
            on_change=bind(form, "bio"),
        ),
        error_text(error),
        ft.Row(
            [
                ft.FilledButton("Spara", icon=ft.Icons.SAVE_OUTLINED, on_click=save, disabled=busy),
                info_text(saved),
            ]
        ),
        ft.Divider(),
        Certificates(),
    ]
    if state.is_teacher:
        controls += [ft.Divider(), PayoutStatus()]
    controls += [
        ft.Divider(),
        ft.Row(
            [
                ft.OutlinedButton(
                    "Mina bokningar",
                    icon=ft.Icons.EVENT_AVAILABLE,
                    on_click=lambda: navigate("/bookings"),
                ),
                ft.OutlinedButton(
                    "Notiser",
                    icon=ft.Icons.NOTIFICATIONS_OUTLINED,
                    on_click=lambda: navigate("/notifications"),
                ),
                ft.OutlinedButton(
                    "Serverinställningar",
                    icon=ft.Icons.SETTINGS_OUTLINED,
                    on_click=lambda: navigate("/settings"),
                ),
            ],
            wrap=True,
        ),
    ]
    return ft.Container(scroll(controls), width=720)


@ft.component
def AvatarEditor() -> ft.Control:
    state = use_app()
    busy, set_busy = ft.use_state(False)
    profile = state.profile or {}
    avatar_id = profile.get("avatar_media_id")

    async def pick() -> None:
        picker = ft.FilePicker()
        files = await picker.pick_files(
            dialog_title="Välj en profilbild",
            file_type=ft.FilePickerFileType.IMAGE,
            with_data=True,
        )
        if not files or files[0].bytes is None:
            return
        chosen = files[0]
        set_busy(True)
        try:
            content_type = mimetypes.guess_type(chosen.name)[0] or "image/jpeg"
            await state.upload_avatar(chosen.name, chosen.bytes or b"", content_type)
            show_message("Profilbilden är uppdaterad.")
        except ApiError as exc:
            show_message(exc.message)
        finally:
            set_busy(False)

    initial = (profile.get("display_name") or "?")[:1].upper()
    return ft.Row(
        [
            ft.CircleAvatar(
                content=ft.Text(initial),
                foreground_image_src=state.api.media_link(str(avatar_id)) if avatar_id else None,
                radius=32,
            ),
            ft.OutlinedButton(
                "Byt profilbild",
                icon=ft.Icons.PHOTO_CAMERA_OUTLINED,
                on_click=pick,
                disabled=busy,
            ),
        ]
    )


async def load_certificates(state: AppState) -> list[Json]:
    """The certificates of the caller's finished courses."""
    mine = await state.api.my_courses()
    ids = [str(e["certificate_id"]) for e in mine["items"] if e.get("certificate_id")]
    return list(await asyncio.gather(*(state.api.certificate(i) for i in ids)))


async def download_certificate(state: AppState, certificate: Json) -> None:
    """The certificate's PDF, read with the session's token and saved on the device (a
    download on the web)."""
    try:
        pdf, _ = await state.api.download(str(certificate["pdf_url"]))
    except ApiError as exc:
        show_message(exc.message)
        return
    await ft.FilePicker().save_file(
        dialog_title="Spara kursintyget",
        file_name=f"kursintyg-{certificate.get('code', 'wisdom')}.pdf",
        src_bytes=pdf,
    )


@ft.component
def Certificates() -> ft.Control:
    state = use_app()
    certificates, _ = ft.use_state(Remote)

    async def load() -> None:
        await certificates.load(lambda: load_certificates(state))

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
                        on_click=call(download_certificate, state, c),
                    ),
                )
                for c in items
            ]
        )

    return ft.Column(
        [
            ft.Text(
                "Certifikat",
                theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                weight=ft.FontWeight.W_600,
            ),
            remote_view(
                certificates,
                render,
                empty_text="Inga certifikat än. Du får ett när du har gått klart en kurs.",
                empty_icon=ft.Icons.WORKSPACE_PREMIUM_OUTLINED,
                on_retry=load,
            ),
        ]
    )


@ft.component
def PayoutStatus() -> ft.Control:
    state = use_app()
    status, _ = ft.use_state(Remote)
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await status.load(state.api.payout_status)

    ft.use_effect(load, [])

    async def onboard() -> None:
        set_busy(True)
        try:
            link = await state.api.start_payout_onboarding()
            await state.open_url(str(link["url"]))
            show_message("Slutför uppgifterna i webbläsaren och uppdatera sedan här.")
        except ApiError as exc:
            show_message(exc.message)
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
            await state.change_api_url(form["url"])
        except ValueError as exc:
            set_error(str(exc))
            return
        set_error("")
        show_message("Adressen är sparad.")
        navigate("/")

    async def reset() -> None:
        await state.reset_api_url(default)
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
                    size=12,
                    color=ft.Colors.ON_SURFACE_VARIANT,
                ),
                ft.Row(
                    [
                        ft.FilledButton("Spara adress", on_click=save),
                        ft.TextButton("Återställ standard", on_click=reset),
                    ],
                    wrap=True,
                ),
            ],
            spacing=12,
        ),
        padding=24,
        width=560,
    )
