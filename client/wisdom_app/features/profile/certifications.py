"""A teacher's certifications in Profil: what they have sent, where each stands in the admin's
review (and why one was turned down), and a form to send a new one with its scan."""

from datetime import date

import flet as ft

from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import ask, bind, call, error_text, icon_button, remote_view, use_form
from wisdom_app.context import use_app
from wisdom_app.features.profile import actions
from wisdom_app.state import Remote

STATUS = {
    "pending": ("Väntar på granskning", ft.Icons.HOURGLASS_TOP, theme.MUTED),
    "verified": ("Verifierad · syns på din lärarsida", ft.Icons.VERIFIED_OUTLINED, ft.Colors.GREEN_700),
    "rejected": ("Avslagen", ft.Icons.CANCEL_OUTLINED, ft.Colors.ERROR),
}


@ft.component
def TeacherCertifications() -> ft.Control:
    state = use_app()
    mine, _ = ft.use_state(Remote)
    # Bumped after sending: a new key gives an empty form.
    form_key, set_form_key = ft.use_state(0)

    async def load() -> None:
        await actions.load_my_certifications(state, mine)

    ft.use_effect(load, [])

    async def sent() -> None:
        set_form_key(form_key + 1)
        await load()

    def remove(certification: Json) -> None:
        ask(
            "Ta bort certifieringen?",
            f"”{certification.get('title', '')}” tas bort från din profil och från granskningen.",
            "Ta bort",
            call(actions.delete_certification, state, certification, mine),
            destructive=True,
        )

    def render(items: list[Json]) -> ft.Control:
        return ft.Column([certification_row(c, remove) for c in items], spacing=0)

    return ft.Column(
        [
            ft.Text("Mina certifieringar", theme_style=ft.TextThemeStyle.TITLE_MEDIUM, weight=ft.FontWeight.W_600),
            ft.Text(
                "Dina utbildningar och intyg. En administratör granskar dem; de verifierade visas på din lärarsida.",
                color=theme.MUTED,
            ),
            remote_view(
                mine,
                render,
                empty_text="Du har inte skickat några certifieringar än.",
                empty_icon=ft.Icons.VERIFIED_OUTLINED,
                on_retry=load,
            ),
            CertificationForm(form_key, sent),
        ]
    )


def certification_row(certification: Json, on_remove: object) -> ft.Control:
    label, icon, colour = STATUS.get(str(certification.get("status")), STATUS["pending"])
    details = f"{certification.get('issuer', '')}, {certification.get('year', '')}"
    if certification.get("document_media_id"):
        details += " · intyg bifogat"
    lines: list[ft.Control] = [ft.Text(details), ft.Text(label, color=colour)]
    if certification.get("status") == "rejected" and certification.get("reject_reason"):
        lines.append(ft.Text(f"Skäl: {certification['reject_reason']}", color=theme.MUTED))
    return ft.ListTile(
        leading=ft.Icon(icon, color=colour),
        title=ft.Text(certification.get("title", "")),
        subtitle=ft.Column(lines, spacing=2, tight=True),
        trailing=icon_button(
            ft.Icons.DELETE_OUTLINE,
            f"Ta bort {certification.get('title', '')}",
            on_click=lambda: on_remove(certification),  # type: ignore[operator]
        ),
    )


@ft.component
def CertificationForm(form_key: int, on_sent: object) -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"title": "", "issuer": "", "year": ""})
    document, set_document = ft.use_state(None)
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def choose_document() -> None:
        files = await ft.FilePicker().pick_files(
            dialog_title="Välj ditt intyg",
            file_type=ft.FilePickerFileType.CUSTOM,
            allowed_extensions=["pdf", "jpg", "jpeg", "png", "webp"],
            with_data=True,
        )
        if files and files[0].bytes is not None:
            set_document((files[0].name, files[0].bytes))

    async def send() -> None:
        problem = form_problem(form)
        set_error(problem)
        if problem:
            return
        set_busy(True)
        try:
            if await actions.submit_certification(state, form["title"], form["issuer"], int(form["year"]), document):
                form.update({"title": "", "issuer": "", "year": ""})
                set_document(None)
                await on_sent()  # type: ignore[operator]
        finally:
            set_busy(False)

    def field(label: str, name: str, **extra: object) -> ft.Control:
        return ft.TextField(
            label=label,
            key=f"{name}-{form_key}",
            value=form[name],
            on_change=bind(form, name),
            **extra,  # type: ignore[arg-type]
        )

    return ft.Column(
        [
            ft.Text("Skicka en ny certifiering", weight=ft.FontWeight.W_600),
            field("Utbildning eller titel", "title", max_length=200),
            field("Utfärdare", "issuer", max_length=200),
            field("År", "year", max_length=4, keyboard_type=ft.KeyboardType.NUMBER, width=160),
            ft.Row(
                [
                    ft.OutlinedButton(
                        "Byt intyg" if document else "Bifoga intyg (PDF eller bild)",
                        icon=ft.Icons.ATTACH_FILE,
                        on_click=choose_document,
                    ),
                    ft.Text(document[0] if document else "Valfritt", color=theme.MUTED),
                ],
                wrap=True,
            ),
            error_text(error),
            ft.FilledButton("Skicka för granskning", icon=ft.Icons.SEND_OUTLINED, on_click=send, disabled=busy),
        ]
    )


def form_problem(form: dict[str, str]) -> str:
    """What is missing or wrong in the form, in Swedish; empty when it can be sent."""
    if not form["title"].strip() or not form["issuer"].strip():
        return "Fyll i utbildningen och vem som utfärdade den."
    year = form["year"].strip()
    if not year.isdigit() or not 1900 <= int(year) <= date.today().year:
        return f"Skriv året med fyra siffror (1900–{date.today().year})."
    return ""
