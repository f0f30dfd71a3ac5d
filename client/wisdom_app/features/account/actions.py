"""The account itself: a new password from the reset mail, the person's data as a download,
and deleting the account."""

from datetime import date

import flet as ft

from wisdom_app import texts
from wisdom_app.components import show_message
from wisdom_app.config import developer_build
from wisdom_app.errors import ApiError
from wisdom_app.features.auth import actions as session
from wisdom_app.state import AppState


def developer_settings_shown(state: AppState) -> bool:
    """The developer settings ("Serverinställningar") are for developers: a development build, or revealed by a long
    press on the logo (customers never need another server)."""
    return state.developer_settings or developer_build(state.api_url)


async def reset_password(state: AppState, token: str, password: str) -> None:
    """Set the new password (ApiError with a Swedish message when the link is used, expired
    or the password too weak). Every session ends: a person signed in here is signed out."""
    await state.api.reset_password(token, password)
    if state.signed_in:
        await session.sign_out(state)
    state.signed_out_info = texts.RESET_DONE


async def download_my_data(state: AppState) -> None:
    """Everything Wisdom keeps about the person, one zip, saved on the device (a download on
    the web)."""
    try:
        archive = await state.api.export_my_data()
    except ApiError as exc:
        show_message(texts.EXPORT_TOO_OFTEN if exc.status == 429 else exc.message)
        return
    await ft.FilePicker().save_file(
        dialog_title=texts.EXPORT_DIALOG,
        file_name=texts.export_file(date.today().isoformat()),
        src_bytes=archive,
    )


async def delete_account(state: AppState, password: str) -> None:
    """Erase the account; raises ApiError with a Swedish message (a wrong password, or what
    others still wait for). Afterwards the person is signed out and told so."""
    await state.api.delete_me(password)
    await session.sign_out(state)
    state.signed_out_info = texts.ACCOUNT_DELETED
