"""The course editor's lesson pane: title, length, the text (Markdown written with a toolbar,
magic links and pictures) beside its permanent 1280x720 preview (a tab on a phone), and the
lesson's audio or video from an upload."""

import mimetypes
from collections.abc import Awaitable, Callable
from datetime import datetime

import flet as ft

from wisdom_app.api import Json
from wisdom_app.components import bind, error_text, guard_leaving, info_text, remote_view, scroll, show_message
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.editor import actions
from wisdom_app.features.editor.preview import Draft, PreviewCanvas
from wisdom_app.features.editor.toolbar import Edit, insert, magic_link, pick_target, toolbar, wrap
from wisdom_app.features.studio.forms import parse_int
from wisdom_app.state import Remote

MEDIA_EXTENSIONS = ["mp3", "m4a", "ogg", "wav", "mp4", "webm", "mov"]
PICTURE_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
# The desktop editor's fixed parts (rail, outline, padding): what is left is shared by the
# text and its preview.
DESKTOP_CHROME = 560
EDITED = ("title", "duration", "content")  # what "unsaved changes" compares


def embedded_media(state: object, name: str, media: Json) -> str:
    """The Markdown of an uploaded file in the text: a picture, or sound and video with their
    type as the title (the lesson page's player needs it)."""
    link = state.api.media_link(str(media["id"]))  # type: ignore[attr-defined]
    content_type = str(media.get("content_type", ""))
    title = f' "{content_type}"' if content_type.startswith(("audio/", "video/")) else ""
    return f"![{name}]({link}{title})"


def preview_width(window_width: float) -> float:
    return max(280.0, (min(window_width, 1600) - DESKTOP_CHROME) / 2)


@ft.component
def LessonEditor(lesson_id: str, reload: Callable[[], Awaitable[None]]) -> ft.Control:
    state = use_app()
    lesson, _ = ft.use_state(Remote)
    form, set_form = ft.use_state(None)
    draft = ft.use_ref(Draft).current
    # Bumped when the text is rewritten from here (toolbar, picture): a new key gives the field
    # the new text.
    text_key, set_text_key = ft.use_state(0)
    showing_preview, set_showing_preview = ft.use_state(False)
    saved_at, set_saved_at = ft.use_state("")
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)
    # The values as last loaded or saved, and the form now: leaving with a difference asks first.
    saved_values = ft.use_ref(dict).current
    current = ft.use_ref(None)
    current.current = form
    page = ft.context.page

    def has_changes() -> bool:
        now = current.current
        return now is not None and any(now[k] != saved_values.get(k) for k in EDITED)

    ft.use_effect(lambda: guard_leaving(page, has_changes), [], cleanup=lambda: guard_leaving(page, None))

    async def load() -> None:
        await actions.load_lesson(state, lesson, lesson_id)
        if lesson.value:
            v = lesson.value
            draft.title, draft.text, draft.links = v["title"], v["content_md"], list(v.get("links") or [])
            values = {"title": v["title"], "duration": str(v["duration_minutes"]), "content": v["content_md"]}
            saved_values.update(values)
            set_form({**values, "media_id": v.get("media_id"), "selection": (len(v["content_md"]),) * 2})

    ft.use_effect(load, [lesson_id])

    def content_changed(e: ft.Event[ft.TextField]) -> None:
        form["content"] = draft.text = e.control.value or ""

    def title_changed(e: ft.Event[ft.TextField]) -> None:
        form["title"] = draft.title = e.control.value or ""

    def selection_changed(e: ft.TextSelectionChangeEvent[ft.TextField]) -> None:
        form["selection"] = (e.selection.start, e.selection.end)

    def rewrite(edit: Edit) -> None:
        form["content"] = draft.text = edit.text
        form["selection"] = (edit.caret, edit.caret)
        set_text_key(text_key + 1)

    def mark(kind: str) -> None:
        start, end = form["selection"]
        rewrite(wrap(form["content"], start, end, kind))

    async def link_to_item() -> None:
        targets = await actions.link_targets(state, str((lesson.value or {}).get("course_id")))
        if targets is None:
            return

        def chosen(target: Json) -> None:
            draft.links = [*draft.links, {**target, "available": True}]
            rewrite(insert(form["content"], form["selection"][1], magic_link(target)))

        pick_target(targets, chosen)

    async def save() -> None:
        try:
            fields = {
                "title": form["title"].strip(),
                "duration_minutes": parse_int(form["duration"], "Längden"),
                "content_md": form["content"],
            }
        except ValueError as exc:
            set_error(str(exc))
            return
        set_busy(True)
        set_error("")
        try:
            saved = await actions.save_lesson(state, lesson_id, fields)
            saved_values.update({k: form[k] for k in EDITED})
            draft.links = list(saved.get("links") or [])
            set_saved_at(datetime.now().strftime("%H:%M"))
            await reload()
        except ApiError as exc:
            set_error(exc.message)
        finally:
            set_busy(False)

    async def upload(extensions: list[str], title: str, into_text: bool) -> None:
        files = await ft.FilePicker().pick_files(dialog_title=title, allowed_extensions=extensions, with_data=True)
        if not files or files[0].bytes is None:
            return
        chosen = files[0]
        content_type = mimetypes.guess_type(chosen.name)[0] or "application/octet-stream"
        set_busy(True)
        try:
            if into_text:
                # Into the text where the teacher writes (sound and video with their type, so
                # the lesson page gives them a player).
                media = await actions.upload_embedded(state, chosen.name, chosen.bytes or b"", content_type)
                rewrite(insert(form["content"], form["selection"][1], embedded_media(state, chosen.name, media)))
                show_message("Filen är infogad i texten. Spara lektionen.")
            else:
                media = await actions.upload_lesson_media(
                    state, lesson_id, chosen.name, chosen.bytes or b"", content_type
                )
                set_form({**form, "media_id": str(media["id"])})
                show_message("Mediefilen hör nu till lektionen.")
        except ApiError as exc:
            set_error(exc.message)
        finally:
            set_busy(False)

    async def upload_media() -> None:
        await upload(MEDIA_EXTENSIONS, "Välj ljud eller video", into_text=False)

    async def upload_into_text() -> None:
        await upload(PICTURE_EXTENSIONS + MEDIA_EXTENSIONS, "Välj en bild, ljud eller video", into_text=True)

    async def remove_media() -> None:
        try:
            await actions.remove_lesson_media(state, lesson_id)
            set_form({**form, "media_id": None})
        except ApiError as exc:
            set_error(exc.message)

    def render(_: Json) -> ft.Control:
        if form is None:
            return ft.ProgressRing()
        editor = ft.TextField(
            label="Lektionstext (Markdown)",
            key=f"text-{text_key}",
            value=form["content"],
            on_change=content_changed,
            on_selection_change=selection_changed,
            multiline=True,
            min_lines=14,
            max_lines=30,
        )
        canvas = PreviewCanvas(draft, preview_width(state.width) if state.wide else state.width - 48)
        if state.wide:
            panes: ft.Control = ft.Row(
                [ft.Container(editor, expand=True), canvas],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        else:
            switch = ft.Row(
                [
                    (ft.FilledTonalButton if not showing_preview else ft.TextButton)(
                        "Skriv", on_click=lambda: set_showing_preview(False)
                    ),
                    (ft.FilledTonalButton if showing_preview else ft.TextButton)(
                        "Förhandsvisning", on_click=lambda: set_showing_preview(True)
                    ),
                ]
            )
            panes = ft.Column([switch, canvas if showing_preview else editor])
        return scroll(
            [
                ft.Row(
                    [
                        ft.TextField(
                            label="Lektionens titel", value=form["title"], on_change=title_changed, expand=True
                        ),
                        ft.TextField(
                            label="Minuter", value=form["duration"], on_change=bind(form, "duration"), width=110
                        ),
                    ]
                ),
                ft.Row(
                    [
                        ft.Text("Ljud eller video: " + ("kopplad fil" if form["media_id"] else "ingen")),
                        ft.OutlinedButton("Ladda upp", icon=ft.Icons.UPLOAD_FILE, on_click=upload_media, disabled=busy),
                        ft.TextButton("Ta bort media", on_click=remove_media, visible=bool(form["media_id"])),
                    ],
                    wrap=True,
                ),
                toolbar(mark, link_to_item, upload_into_text, busy),
                panes,
                error_text(error),
                ft.Row(
                    [
                        ft.FilledButton("Spara lektionen", icon=ft.Icons.SAVE_OUTLINED, on_click=save, disabled=busy),
                        info_text(f"Senast sparad kl {saved_at}" if saved_at else ""),
                    ]
                ),
            ]
        )

    return remote_view(lesson, render, empty_text="", on_retry=load)
