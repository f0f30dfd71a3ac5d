"""The person's own profile: name, bio, picture, certificates, and a teacher's payouts."""

import asyncio
import mimetypes

import flet as ft

from wisdom_app import texts
from wisdom_app.api import Json
from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.state import AppState, Remote


async def save_display_name(state: AppState, name: str) -> None:
    state.profile = await state.api.update_me(display_name=name.strip())


async def save_bio(state: AppState, bio: str) -> None:
    state.profile = await state.api.update_me(bio=bio.strip())


async def upload_avatar(state: AppState, filename: str, content: bytes, content_type: str) -> None:
    await state.api.upload_avatar(filename, content, content_type)
    state.profile = await state.api.me()


async def save_profile(state: AppState, name: str, bio: str) -> None:
    await state.api.update_me(display_name=name.strip(), bio=bio.strip())
    state.profile = await state.api.me()


async def load_certificates(state: AppState, certificates: Remote) -> None:
    await certificates.load(lambda: _certificates(state))


async def _certificates(state: AppState) -> list[Json]:
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
        dialog_title=texts.CERTIFICATE_DIALOG,
        file_name=texts.certificate_file(certificate.get("code", "wisdom")),
        src_bytes=pdf,
    )


async def load_payout_status(state: AppState, status: Remote) -> None:
    await status.load(state.api.payout_status)


async def start_payout_onboarding(state: AppState) -> None:
    """The payment provider's onboarding, in the browser."""
    try:
        link = await state.api.start_payout_onboarding()
        await state.open_url(str(link["url"]))
        show_message(texts.FINISH_ONBOARDING)
    except ApiError as exc:
        show_message(exc.message)


async def load_my_certifications(state: AppState, certifications: Remote) -> None:
    await certifications.load(state.api.my_certifications)


async def submit_certification(
    state: AppState, title: str, issuer: str, year: int, document: tuple[str, bytes] | None
) -> bool:
    """Send a certification for review, with the scan (file name, bytes) when one was chosen;
    False (and the person is told why) when it failed."""
    try:
        document_id = None
        if document is not None:
            name, content = document
            content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            media = await state.api.upload_media(name, content, content_type, purpose="other")
            document_id = str(media["id"])
        await state.api.add_certification(title.strip(), issuer.strip(), year, document_id)
    except ApiError as exc:
        show_message(exc.message)
        return False
    show_message(texts.CERTIFICATION_SENT)
    return True


async def delete_certification(state: AppState, certification: Json, certifications: Remote) -> None:
    try:
        await state.api.delete_certification(str(certification["id"]))
    except ApiError as exc:
        show_message(exc.message)
        return
    show_message(texts.CERTIFICATION_REMOVED)
    await load_my_certifications(state, certifications)
