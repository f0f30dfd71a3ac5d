"""Profil: display name and bio (edit and save), avatar, course certificates, and for teachers
their certifications and the payout status."""

import mimetypes

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.components import bind, error_text, info_text, navigate, scroll, section_title, show_message, use_form
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.account.actions import developer_settings_shown
from wisdom_app.features.account.view import PrivacySection
from wisdom_app.features.profile import actions
from wisdom_app.features.profile.certificates import Certificates
from wisdom_app.features.profile.certifications import TeacherCertifications
from wisdom_app.features.profile.payouts import PayoutStatus
from wisdom_app.features.profile.settings_view import SettingsScreen

__all__ = ["ProfileScreen", "SettingsScreen"]


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
            await actions.save_profile(state, name, bio)
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
            color=theme.MUTED,
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
        controls += [ft.Divider(), TeacherCertifications(), ft.Divider(), PayoutStatus()]
    controls += [
        ft.Divider(),
        PrivacySection(),
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
                    visible=developer_settings_shown(state),
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
            await actions.upload_avatar(state, chosen.name, chosen.bytes or b"", content_type)
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
