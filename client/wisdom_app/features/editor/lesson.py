"""The course editor's lesson pane: title, length, Markdown with a live preview, and the
lesson's audio or video (or an image put into its text) from an upload."""

import mimetypes
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import flet as ft

from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import bind, error_text, remote_view, scroll, show_message
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.editor import actions
from wisdom_app.features.studio.forms import parse_int
from wisdom_app.state import Remote

UPLOAD_EXTENSIONS = ["mp3", "m4a", "ogg", "wav", "mp4", "webm", "mov", "png", "jpg", "jpeg", "webp"]


@ft.observable
@dataclass
class Draft:
    """The Markdown being written; only the preview re-renders when it changes, so the editor
    itself is never re-rendered under the teacher's fingers."""

    text: str = ""


@ft.component
def MarkdownPreview(draft: Draft) -> ft.Control:
    return ft.Column(
        [
            ft.Text("Förhandsvisning", size=theme.CAPTION, color=theme.MUTED),
            ft.Markdown(
                draft.text or "*Tom lektion*",
                selectable=True,
                extension_set=ft.MarkdownExtensionSet.GITHUB_WEB,
            ),
        ],
        scroll=ft.ScrollMode.AUTO,
    )


@ft.component
def LessonEditor(lesson_id: str, reload: Callable[[], Awaitable[None]]) -> ft.Control:
    """Title, length, Markdown with a live preview beside it (below it on a phone), and the
    lesson's audio or video from an upload."""
    state = use_app()
    lesson, _ = ft.use_state(Remote)
    form, set_form = ft.use_state(None)
    draft = ft.use_ref(Draft).current
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await actions.load_lesson(state, lesson, lesson_id)
        if lesson.value:
            v = lesson.value
            draft.text = v["content_md"]
            set_form(
                {
                    "title": v["title"],
                    "duration": str(v["duration_minutes"]),
                    "content": v["content_md"],
                    "media_id": v.get("media_id"),
                }
            )

    def content_changed(e: ft.Event[ft.TextField]) -> None:
        form["content"] = draft.text = e.control.value or ""

    ft.use_effect(load, [lesson_id])

    def field(key: str):
        return bind(form, key)

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
            await actions.save_lesson(state, lesson_id, fields)
            await reload()
        except ApiError as exc:
            set_error(exc.message)
        finally:
            set_busy(False)

    async def upload() -> None:
        files = await ft.FilePicker().pick_files(
            dialog_title="Välj ljud, video eller bild",
            allowed_extensions=UPLOAD_EXTENSIONS,
            with_data=True,
        )
        if not files or files[0].bytes is None:
            return
        chosen = files[0]
        content_type = mimetypes.guess_type(chosen.name)[0] or "application/octet-stream"
        set_busy(True)
        try:
            media = await actions.upload_lesson_media(state, lesson_id, chosen.name, chosen.bytes or b"", content_type)
            if actions.is_playable(content_type):
                set_form({**form, "media_id": str(media["id"])})
                show_message("Mediefilen hör nu till lektionen.")
            else:
                # An image goes into the text where the teacher writes.
                draft.text = f"{form['content']}\n\n![{chosen.name}]({media['url']})\n"
                set_form({**form, "content": draft.text})
                show_message("Bilden är infogad i texten. Spara lektionen.")
        except ApiError as exc:
            set_error(exc.message)
        finally:
            set_busy(False)

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
            value=form["content"],
            on_change=content_changed,
            multiline=True,
            min_lines=14,
            max_lines=30,
            text_style=ft.TextStyle(font_family="monospace"),
        )
        preview = ft.Container(
            MarkdownPreview(draft),
            border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
            border_radius=theme.RADIUS_S,
            padding=theme.SPACE_M,
            height=460 if state.wide else 320,
        )
        # Inside the scrolling column nothing may take "the rest of the height" (there is no
        # rest): the panes share the width, and the preview has a height of its own.
        panes: ft.Control = (
            ft.Row(
                [ft.Container(editor, expand=1), ft.Container(preview, expand=1)],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
            if state.wide
            else ft.Column([editor, preview])
        )
        return scroll(
            [
                ft.Row(
                    [
                        ft.TextField(
                            label="Lektionens titel",
                            value=form["title"],
                            on_change=field("title"),
                            expand=True,
                        ),
                        ft.TextField(
                            label="Minuter",
                            value=form["duration"],
                            on_change=field("duration"),
                            width=110,
                        ),
                    ]
                ),
                ft.Row(
                    [
                        ft.Text(
                            "Media: " + ("kopplad fil" if form["media_id"] else "ingen"),
                        ),
                        ft.OutlinedButton(
                            "Ladda upp",
                            icon=ft.Icons.UPLOAD_FILE,
                            on_click=upload,
                            disabled=busy,
                        ),
                        ft.TextButton(
                            "Ta bort media",
                            on_click=remove_media,
                            visible=bool(form["media_id"]),
                        ),
                    ],
                    wrap=True,
                ),
                panes,
                error_text(error),
                ft.Row(
                    [
                        ft.FilledButton(
                            "Spara lektionen",
                            icon=ft.Icons.SAVE_OUTLINED,
                            on_click=save,
                            disabled=busy,
                        )
                    ]
                ),
            ]
        )

    return remote_view(lesson, render, empty_text="", on_retry=load)
