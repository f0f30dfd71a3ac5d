"""The studio's cover field (course, service and seminar editors)."""

from collections.abc import Callable

import flet as ft

from wisdom_app import theme
from wisdom_app.components import cover_picker
from wisdom_app.context import use_app
from wisdom_app.features.covers import actions
from wisdom_app.features.covers.actions import CoverOf


@ft.component
def CoverEditor(
    kind: CoverOf, item_id: str, media_id: str | None, on_changed: Callable[[str | None], None] | None = None
) -> ft.Control:
    """Choose a picture (it is uploaded and set at once) or remove it. on_changed gets the new
    cover's media id (None: removed) so the editor's copy of the item can follow."""
    state = use_app()
    busy, set_busy = ft.use_state(False)
    current, set_current = ft.use_state(media_id)

    def changed(new_id: str | None) -> None:
        set_current(new_id)
        if on_changed is not None:
            on_changed(new_id)

    async def choose() -> None:
        picker = ft.FilePicker()
        files = await picker.pick_files(
            dialog_title="Välj en omslagsbild",
            file_type=ft.FilePickerFileType.IMAGE,
            with_data=True,
        )
        if not files or files[0].bytes is None:
            return
        set_busy(True)
        try:
            new_id = await actions.upload_cover(state, kind, item_id, files[0].name, files[0].bytes or b"")
            if new_id is not None:
                changed(new_id)
        finally:
            set_busy(False)

    async def remove() -> None:
        set_busy(True)
        try:
            if await actions.remove_cover(state, kind, item_id):
                changed(None)
        finally:
            set_busy(False)

    return cover_picker(actions.cover_link(state, current), busy=busy, on_choose=choose, on_remove=remove)


def cover_section(kind: CoverOf, item_id: str, item: dict | None) -> list[ft.Control]:
    """The cover field below an editor's form; a new item gets one once it is saved."""
    if item is None or item_id == "new":
        return [ft.Divider(), ft.Text("När du har sparat kan du välja en omslagsbild.", color=theme.MUTED)]
    return [ft.Divider(), CoverEditor(kind, item_id, item.get("cover_media_id"))]
