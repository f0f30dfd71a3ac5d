"""Teachers' certifications: look at the document, then verify (it shows on the teacher's
profile) or reject (with a reason the teacher sees)."""

import mimetypes
from collections.abc import Callable
from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import ask, call, choice_row, icon_button, remote_view, scroll
from wisdom_app.context import use_app
from wisdom_app.features.admin import actions
from wisdom_app.features.admin.frame import admin_page, attempt, card, filtered_list, muted, need_reason, reason_field
from wisdom_app.state import AppState, Remote

CERTIFICATION_STATUS = {"pending": "Väntar", "verified": "Verifierad", "rejected": "Avslagen"}
STATUS_FILTERS = [("pending", "Väntande"), ("verified", "Verifierade"), ("rejected", "Avslagna"), ("all", "Alla")]


async def show_document(state: AppState, media_id: str) -> None:
    """An image is shown in the app; other documents (PDF) are saved to open elsewhere."""
    document = await actions.fetch_document(state, media_id)
    if document is None:
        return
    content, content_type = document
    page = ft.context.page
    if content_type.startswith("image/"):
        page.show_dialog(
            ft.AlertDialog(
                title=ft.Text("Dokument"),
                content=ft.Image(src=content, width=520, fit=ft.BoxFit.CONTAIN),
                actions=[ft.TextButton("Stäng", on_click=lambda: page.pop_dialog())],
            )
        )
        return
    extension = mimetypes.guess_extension(content_type.split(";")[0].strip()) or ""
    await ft.FilePicker().save_file(
        dialog_title="Spara dokumentet", file_name=f"certifiering{extension}", src_bytes=content
    )


def certification_card(
    state: AppState, c: Json, verify: Callable[[Json], None], reject: Callable[[Json], None]
) -> ft.Control:
    controls: list[ft.Control] = [
        ft.Text(f"{c.get('title', '')} · {c.get('issuer', '')} ({c.get('year', '')})", weight=ft.FontWeight.W_600),
        muted(
            f"{c.get('teacher_display_name', '')} · {CERTIFICATION_STATUS.get(c.get('status', ''), '')} · "
            f"inskickad {fmt.when(c.get('created_at'))}"
        ),
    ]
    if c.get("reject_reason"):
        controls.append(muted(f"Skäl till avslag: {c['reject_reason']}"))
    buttons: list[ft.Control] = []
    if c.get("document_media_id"):
        buttons.append(
            ft.TextButton(
                "Visa dokument",
                icon=ft.Icons.DESCRIPTION_OUTLINED,
                on_click=call(show_document, state, str(c["document_media_id"])),
            )
        )
    else:
        controls.append(muted("Inget dokument bifogat."))
    if c.get("status") == "pending":
        buttons += [
            ft.FilledButton("Verifiera", icon=ft.Icons.VERIFIED_OUTLINED, on_click=lambda _: verify(c)),
            ft.OutlinedButton("Avslå", icon=ft.Icons.BLOCK, on_click=lambda _: reject(c)),
        ]
    if buttons:
        controls.append(ft.Row(buttons, wrap=True))
    return card(controls)


@ft.component
def CertificationsScreen() -> ft.Control:
    state = use_app()
    status, set_status = ft.use_state("pending")
    certifications, _ = ft.use_state(Remote)

    async def load() -> None:
        await actions.load_certifications(state, certifications, status)

    ft.use_effect(load, [status])

    def verify(c: Json) -> None:
        ask(
            "Verifiera certifieringen?",
            f"”{c.get('title', '')}” från {c.get('issuer', '')} visas på {c.get('teacher_display_name', '')}s profil.",
            "Verifiera",
            lambda: attempt(
                lambda: actions.verify_certification(state, str(c["id"])), "Certifieringen är verifierad.", load
            ),
        )

    def reject(c: Json) -> None:
        values: dict[str, Any] = {"reason": ""}
        ask(
            "Avslå certifieringen?",
            f"{c.get('teacher_display_name', '')} får se motiveringen.",
            "Avslå",
            lambda: attempt(
                lambda: actions.reject_certification(state, str(c["id"]), values["reason"]),
                "Certifieringen är avslagen.",
                load,
            ),
            fields=[reason_field(values)],
            validate=need_reason(values),
            destructive=True,
        )

    def render(items: list[Json]) -> ft.Control:
        return scroll([certification_card(state, c, verify, reject) for c in items])

    body = filtered_list(
        choice_row(STATUS_FILTERS, status, set_status),
        remote_view(
            certifications,
            render,
            empty_text="Inga certifieringar att granska.",
            empty_icon=ft.Icons.VERIFIED_OUTLINED,
            on_retry=load,
        ),
    )
    return admin_page(
        "/admin/certifications",
        body,
        icon_button(ft.Icons.REFRESH, "Uppdatera certifieringar", on_click=load),
    )
