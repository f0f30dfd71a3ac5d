"""Studio (teachers): their services, seminars and courses; the editors for each, and the course
editor with modules, lessons, Markdown with a live preview, media uploads, price and publish."""

import asyncio
import mimetypes
from dataclasses import dataclass
from datetime import datetime

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.state import AppState, Remote
from wisdom_app.widgets import (
    bind,
    call,
    error_text,
    icon_button,
    navigate,
    remote_view,
    screen,
    scroll,
    section_title,
    show_message,
)


async def load_studio(state: AppState) -> Json:
    teacher_id = str((state.profile or {}).get("id"))
    drafts, active, seminars, courses = await asyncio.gather(
        state.api.teacher_services(teacher_id, "draft"),
        state.api.teacher_services(teacher_id, "active"),
        state.api.seminars(teacher=teacher_id),
        state.api.studio_courses(),
    )
    return {
        "services": active["items"] + drafts["items"],
        "seminars": seminars["items"],
        "courses": courses["items"],
    }


@ft.component
def StudioScreen() -> ft.Control:
    state = use_app()
    studio, _ = ft.use_state(Remote)

    async def load() -> None:
        await studio.load(lambda: load_studio(state))

    ft.use_effect(load, [])

    def block(title: str, new_label: str, new_route: str, rows: list[ft.Control], empty: str) -> ft.Control:
        return ft.Column(
            [
                section_title(
                    title,
                    ft.FilledTonalButton(
                        new_label,
                        icon=ft.Icons.ADD,
                        on_click=lambda: navigate(new_route),
                    ),
                ),
                *(rows or [ft.Text(empty, color=ft.Colors.ON_SURFACE_VARIANT)]),
            ],
            spacing=4,
        )

    def tile(title: str, subtitle: str, route: str) -> ft.Control:
        return ft.ListTile(
            title=ft.Text(title),
            subtitle=ft.Text(subtitle),
            trailing=ft.Icon(ft.Icons.EDIT_OUTLINED),
            on_click=lambda: navigate(route),
        )

    def render(data: Json) -> ft.Control:
        return scroll(
            [
                block(
                    "Mina kurser",
                    "Ny kurs",
                    "/studio/courses/new",
                    [
                        tile(
                            c["title"],
                            f"{fmt.STATUS_LABELS.get(c['status'], '')} · {fmt.money(c['price_cents'])}",
                            f"/studio/courses/{c['id']}",
                        )
                        for c in data["courses"]
                    ],
                    "Du har inga kurser än.",
                ),
                ft.Divider(),
                block(
                    "Mina tjänster",
                    "Ny tjänst",
                    "/studio/services/new",
                    [
                        tile(
                            s["title"],
                            f"{fmt.STATUS_LABELS.get(s['status'], '')} · {fmt.money(s['price_cents'])}",
                            f"/studio/services/{s['id']}",
                        )
                        for s in data["services"]
                    ],
                    "Du har inga tjänster än.",
                ),
                ft.Divider(),
                block(
                    "Mina seminarier",
                    "Nytt seminarium",
                    "/studio/seminars/new",
                    [
                        tile(
                            s["title"],
                            f"{fmt.when(s['starts_at'])} · {s['seats_taken']}/{s['capacity']} anmälda",
                            f"/studio/seminars/{s['id']}",
                        )
                        for s in data["seminars"]
                    ],
                    "Du har inga kommande seminarier.",
                ),
            ]
        )

    return ft.Column(
        [
            section_title(
                "Studio",
                icon_button(ft.Icons.REFRESH, "Uppdatera studion", on_click=load),
            ),
            ft.Container(remote_view(studio, render, empty_text="", on_retry=load), expand=True),
        ],
        expand=True,
    )


def _kronor(cents: int | None) -> str:
    if not cents:
        return "0"
    kronor, ore = divmod(int(cents), 100)
    return f"{kronor},{ore:02d}" if ore else str(kronor)


def _int(text: str, label: str) -> int:
    try:
        return int(text.strip())
    except ValueError as exc:
        raise ValueError(f"{label} ska vara ett heltal.") from exc


def _price(text: str) -> int:
    try:
        return fmt.parse_kronor(text)
    except ValueError as exc:
        raise ValueError("Priset ska vara ett belopp i kronor, till exempel 450.") from exc


# ---------------------------------------------------------------------- services


@ft.component
def ServiceEditor() -> ft.Control:
    state = use_app()
    service_id = ft.use_route_params().get("service_id", "new")
    loaded, _ = ft.use_state(Remote)
    form, set_form = ft.use_state(
        {
            "title": "",
            "description": "",
            "kind": "session",
            "duration": "60",
            "delivery": "online",
            "price": "500",
        }
    )
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        if service_id == "new":
            loaded.value, loaded.loaded = {}, True
            return
        await loaded.load(lambda: state.api.service(service_id))
        s = loaded.value or {}
        if s:
            set_form(
                {
                    "title": s["title"],
                    "description": s["description"],
                    "kind": s["kind"],
                    "duration": str(s["duration_minutes"]),
                    "delivery": s["delivery"],
                    "price": _kronor(s["price_cents"]),
                }
            )

    ft.use_effect(load, [service_id])

    def field(key: str):
        return bind(form, key)

    async def save(publish: bool = False) -> None:
        try:
            fields = {
                "title": form["title"].strip(),
                "description": form["description"],
                "kind": form["kind"],
                "duration_minutes": _int(form["duration"], "Längden"),
                "delivery": form["delivery"],
                "price_cents": _price(form["price"]),
            }
        except ValueError as exc:
            set_error(str(exc))
            return
        set_busy(True)
        set_error("")
        try:
            if service_id == "new":
                saved = await state.api.create_service(fields)
            else:
                saved = await state.api.update_service(service_id, fields)
            if publish:
                saved = await state.api.publish_service(str(saved["id"]))
            show_message("Tjänsten är publicerad." if publish else "Tjänsten är sparad.")
            await state.load_services()
            navigate("/studio")
        except ApiError as exc:
            set_error(exc.message)
        finally:
            set_busy(False)

    def render(_: Json) -> ft.Control:
        status = (loaded.value or {}).get("status", "draft")
        return scroll(
            [
                ft.TextField(
                    label="Titel",
                    value=form["title"],
                    on_change=field("title"),
                    max_length=200,
                ),
                ft.TextField(
                    label="Beskrivning",
                    value=form["description"],
                    on_change=field("description"),
                    multiline=True,
                    min_lines=3,
                ),
                ft.Dropdown(
                    label="Typ",
                    value=form["kind"],
                    options=[ft.DropdownOption(key=k, text=v) for k, v in fmt.SERVICE_KINDS.items()],
                    on_select=field("kind"),
                ),
                ft.TextField(
                    label="Längd (minuter)",
                    value=form["duration"],
                    on_change=field("duration"),
                    keyboard_type=ft.KeyboardType.NUMBER,
                ),
                ft.Dropdown(
                    label="Var",
                    value=form["delivery"],
                    options=[ft.DropdownOption(key=k, text=v) for k, v in fmt.DELIVERY.items()],
                    on_select=field("delivery"),
                ),
                ft.TextField(
                    label="Pris (kr)",
                    value=form["price"],
                    on_change=field("price"),
                    keyboard_type=ft.KeyboardType.NUMBER,
                ),
                error_text(error),
                ft.Row(
                    [
                        ft.FilledButton("Spara", on_click=call(save, False), disabled=busy),
                        ft.FilledTonalButton(
                            "Spara och publicera",
                            on_click=call(save, True),
                            disabled=busy or status == "active",
                        ),
                    ],
                    wrap=True,
                ),
            ]
        )

    return screen(
        "Ny tjänst" if service_id == "new" else "Redigera tjänst",
        remote_view(loaded, render, empty_text="", on_retry=load),
        back="/studio",
        max_width=720,
    )


# ---------------------------------------------------------------------- seminars


def _parse_local(text: str) -> datetime:
    """ "2026-12-03 18:00" in Stockholm time."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=fmt.STOCKHOLM)
    except ValueError as exc:
        raise ValueError("Skriv starttiden som ÅÅÅÅ-MM-DD TT:MM, till exempel 2026-12-03 18:00.") from exc


@ft.component
def SeminarEditor() -> ft.Control:
    state = use_app()
    seminar_id = ft.use_route_params().get("seminar_id", "new")
    loaded, _ = ft.use_state(Remote)
    form, set_form = ft.use_state(
        {
            "title": "",
            "description": "",
            "starts": "",
            "duration": "60",
            "capacity": "20",
            "price": "0",
            "speaking": False,
        }
    )
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        if seminar_id == "new":
            loaded.value, loaded.loaded = {}, True
            return
        await loaded.load(lambda: state.api.seminar(seminar_id))
        s = loaded.value or {}
        if s:
            starts = fmt.parse_time(s["starts_at"])
            set_form(
                {
                    "title": s["title"],
                    "description": s["description"],
                    "starts": starts.astimezone(fmt.STOCKHOLM).strftime("%Y-%m-%d %H:%M") if starts else "",
                    "duration": str(s["duration_minutes"]),
                    "capacity": str(s["capacity"]),
                    "price": _kronor(s["price_cents"]),
                    "speaking": bool(s["allow_speaking"]),
                }
            )

    ft.use_effect(load, [seminar_id])

    def field(key: str):
        return bind(form, key)

    async def save() -> None:
        try:
            fields = {
                "title": form["title"].strip(),
                "description": form["description"],
                "starts_at": _parse_local(form["starts"]).isoformat(),
                "duration_minutes": _int(form["duration"], "Längden"),
                "capacity": _int(form["capacity"], "Antal platser"),
                "price_cents": _price(form["price"]),
                "allow_speaking": bool(form["speaking"]),
            }
        except ValueError as exc:
            set_error(str(exc))
            return
        set_busy(True)
        set_error("")
        try:
            if seminar_id == "new":
                await state.api.create_seminar(fields)
            else:
                await state.api.update_seminar(seminar_id, fields)
            show_message("Seminariet är sparat.")
            navigate("/studio")
        except ApiError as exc:
            set_error(exc.message)
        finally:
            set_busy(False)

    def render(_: Json) -> ft.Control:
        return scroll(
            [
                ft.TextField(
                    label="Titel",
                    value=form["title"],
                    on_change=field("title"),
                    max_length=200,
                ),
                ft.TextField(
                    label="Beskrivning",
                    value=form["description"],
                    on_change=field("description"),
                    multiline=True,
                    min_lines=3,
                ),
                ft.TextField(
                    label="Start (ÅÅÅÅ-MM-DD TT:MM)",
                    value=form["starts"],
                    on_change=field("starts"),
                    hint_text="2026-12-03 18:00",
                ),
                ft.TextField(
                    label="Längd (minuter)",
                    value=form["duration"],
                    on_change=field("duration"),
                    keyboard_type=ft.KeyboardType.NUMBER,
                ),
                ft.TextField(
                    label="Antal platser",
                    value=form["capacity"],
                    on_change=field("capacity"),
                    keyboard_type=ft.KeyboardType.NUMBER,
                ),
                ft.TextField(
                    label="Pris (kr, 0 = gratis)",
                    value=form["price"],
                    on_change=field("price"),
                    keyboard_type=ft.KeyboardType.NUMBER,
                ),
                ft.Switch(
                    label="Deltagarna får prata",
                    value=form["speaking"],
                    on_change=field("speaking"),
                ),
                error_text(error),
                ft.Row([ft.FilledButton("Spara", on_click=save, disabled=busy)]),
            ]
        )

    return screen(
        "Nytt seminarium" if seminar_id == "new" else "Redigera seminarium",
        remote_view(loaded, render, empty_text="", on_retry=load),
        back="/studio",
        max_width=720,
    )


# ---------------------------------------------------------------------- courses


@ft.component
def NewCourseScreen() -> ft.Control:
    state = use_app()
    title, set_title = ft.use_state("")
    error, set_error = ft.use_state("")

    async def create() -> None:
        if not title.strip():
            set_error("Ge kursen en titel.")
            return
        try:
            course = await state.api.create_course({"title": title.strip()})
        except ApiError as exc:
            set_error(exc.message)
            return
        navigate(f"/studio/courses/{course['id']}")

    return screen(
        "Ny kurs",
        ft.Column(
            [
                ft.TextField(
                    label="Kursens titel",
                    value=title,
                    on_change=lambda e: set_title(e.control.value),
                    on_submit=create,
                    autofocus=True,
                ),
                error_text(error),
                ft.FilledButton("Skapa kurs", on_click=create),
            ]
        ),
        back="/studio",
        max_width=720,
    )


@ft.component
def CourseEditor() -> ft.Control:
    state = use_app()
    course_id = ft.use_route_params()["course_id"]
    course, _ = ft.use_state(Remote)
    selected, set_selected = ft.use_state(None)

    async def load() -> None:
        await course.load(lambda: state.api.studio_course(course_id))

    ft.use_effect(load, [course_id])

    def render(data: Json) -> ft.Control:
        outline = CourseOutline(data, selected, set_selected, load)
        editor = (
            LessonEditor(selected, load)
            if selected
            else ft.Text(
                "Välj en lektion till vänster, eller lägg till en.",
                color=ft.Colors.ON_SURFACE_VARIANT,
            )
        )
        if state.wide:
            return ft.Row(
                [
                    ft.Container(outline, width=360),
                    ft.VerticalDivider(width=1),
                    ft.Container(editor, expand=True),
                ],
                expand=True,
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        if selected:
            return ft.Column(
                [
                    ft.TextButton(
                        "Till kursens innehåll",
                        icon=ft.Icons.ARROW_BACK,
                        on_click=lambda: set_selected(None),
                    ),
                    ft.Container(editor, expand=True),
                ],
                expand=True,
            )
        return outline

    title = (course.value or {}).get("title", "Kurs")
    return screen(
        f"Kursredigerare: {title}",
        remote_view(course, render, empty_text="", on_retry=load),
        back="/studio",
        max_width=1600,
    )


@ft.component
def CourseOutline(data: Json, selected: str | None, select, reload) -> ft.Control:
    """The course's own fields, its modules and lessons, and publishing."""
    state = use_app()
    form, set_form = ft.use_state(
        lambda: {
            "title": data["title"],
            "summary": data["summary"],
            "description": data["description"],
            "level": data["level"],
            "price": _kronor(data["price_cents"]),
            "intro": bool(data["is_intro"]),
        }
    )
    new_module, set_new_module = ft.use_state("")
    error, set_error = ft.use_state("")
    course_id = str(data["id"])

    def field(key: str):
        return bind(form, key)

    async def act(action) -> None:
        set_error("")
        try:
            await action()
        except ApiError as exc:
            set_error(exc.message)
            return
        except ValueError as exc:
            set_error(str(exc))
            return
        await reload()

    async def save_course() -> None:
        price = 0 if form["intro"] else _price(form["price"])
        await state.api.update_course(
            course_id,
            {
                "title": form["title"].strip(),
                "summary": form["summary"],
                "description": form["description"],
                "level": form["level"],
                "price_cents": price,
                "is_intro": bool(form["intro"]),
            },
        )
        show_message("Kursen är sparad.")

    async def add_module() -> None:
        if new_module.strip():
            await state.api.create_module(course_id, new_module.strip())
            set_new_module("")

    async def add_lesson(module_id: str) -> None:
        lesson = await state.api.create_lesson(module_id, "Ny lektion")
        select(str(lesson["id"]))

    async def toggle_publish() -> None:
        if data["status"] == "published":
            await state.api.unpublish_course(course_id)
            show_message("Kursen är avpublicerad.")
        else:
            await state.api.publish_course(course_id)
            show_message("Kursen är publicerad!")

    modules: list[ft.Control] = []
    for module in data.get("modules", []):
        modules.append(ft.Text(module["title"], weight=ft.FontWeight.W_600))
        for lesson in module.get("lessons", []):
            lid = str(lesson["id"])
            modules.append(
                ft.ListTile(
                    title=ft.Text(lesson["title"]),
                    subtitle=ft.Text(
                        fmt.minutes(lesson.get("duration_minutes")) + (" · media" if lesson.get("has_media") else "")
                    ),
                    selected=lid == selected,
                    dense=True,
                    on_click=lambda _, lid=lid: select(lid),
                )
            )
        modules.append(
            ft.TextButton(
                "Lägg till lektion",
                icon=ft.Icons.ADD,
                on_click=call(act, call(add_lesson, str(module["id"]))),
            )
        )
    published = data["status"] == "published"
    return scroll(
        [
            ft.Row(
                [
                    ft.Chip(label=ft.Text(fmt.STATUS_LABELS.get(data["status"], data["status"]))),
                    ft.Chip(label=ft.Text("Intro"), visible=bool(data["is_intro"])),
                    ft.FilledButton(
                        "Avpublicera" if published else "Publicera",
                        on_click=call(act, toggle_publish),
                    ),
                ],
                wrap=True,
            ),
            ft.TextField(label="Titel", value=form["title"], on_change=field("title")),
            ft.TextField(
                label="Sammanfattning",
                value=form["summary"],
                on_change=field("summary"),
                multiline=True,
                max_length=500,
            ),
            ft.TextField(
                label="Beskrivning (Markdown)",
                value=form["description"],
                on_change=field("description"),
                multiline=True,
                min_lines=2,
            ),
            ft.Dropdown(
                label="Nivå",
                value=form["level"],
                options=[ft.DropdownOption(key=k, text=v) for k, v in fmt.LEVELS.items()],
                on_select=field("level"),
            ),
            ft.Switch(
                label="Introduktionskurs (gratis)",
                value=form["intro"],
                on_change=lambda e: set_form({**form, "intro": e.control.value}),
            ),
            ft.TextField(
                label="Pris (kr)",
                value="0" if form["intro"] else form["price"],
                on_change=field("price"),
                disabled=bool(form["intro"]),
                keyboard_type=ft.KeyboardType.NUMBER,
            ),
            error_text(error),
            ft.Row([ft.FilledTonalButton("Spara kursen", on_click=call(act, save_course))]),
            ft.Divider(),
            ft.Text("Moduler och lektioner", theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            *modules,
            ft.Row(
                [
                    ft.TextField(
                        label="Ny modul",
                        value=new_module,
                        on_change=lambda e: set_new_module(e.control.value),
                        expand=True,
                    ),
                    icon_button(
                        ft.Icons.ADD,
                        "Lägg till modul",
                        on_click=call(act, add_module),
                    ),
                ]
            ),
        ],
        spacing=8,
    )


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
            ft.Text("Förhandsvisning", size=12, color=ft.Colors.ON_SURFACE_VARIANT),
            ft.Markdown(
                draft.text or "*Tom lektion*",
                selectable=True,
                extension_set=ft.MarkdownExtensionSet.GITHUB_WEB,
            ),
        ],
        scroll=ft.ScrollMode.AUTO,
    )


@ft.component
def LessonEditor(lesson_id: str, reload) -> ft.Control:
    """Title, length, Markdown with a live preview beside it (below it on a phone), and the
    lesson's audio or video from an upload."""
    state = use_app()
    lesson, _ = ft.use_state(Remote)
    form, set_form = ft.use_state(None)
    draft = ft.use_ref(Draft).current
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await lesson.load(lambda: state.api.studio_lesson(lesson_id))
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
                "duration_minutes": _int(form["duration"], "Längden"),
                "content_md": form["content"],
            }
        except ValueError as exc:
            set_error(str(exc))
            return
        set_busy(True)
        set_error("")
        try:
            await state.api.update_lesson(lesson_id, fields)
            show_message("Lektionen är sparad.")
            await reload()
        except ApiError as exc:
            set_error(exc.message)
        finally:
            set_busy(False)

    async def upload() -> None:
        files = await ft.FilePicker().pick_files(
            dialog_title="Välj ljud, video eller bild",
            allowed_extensions=[
                "mp3",
                "m4a",
                "ogg",
                "wav",
                "mp4",
                "webm",
                "mov",
                "png",
                "jpg",
                "jpeg",
                "webp",
            ],
            with_data=True,
        )
        if not files or files[0].bytes is None:
            return
        chosen = files[0]
        content_type = mimetypes.guess_type(chosen.name)[0] or "application/octet-stream"
        set_busy(True)
        try:
            media = await state.api.upload_media(chosen.name, chosen.bytes or b"", content_type)
            if content_type.startswith(("audio/", "video/")):
                await state.api.update_lesson(lesson_id, {"media_id": str(media["id"])})
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
            await state.api.update_lesson(lesson_id, {"media_id": None})
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
            border_radius=8,
            padding=12,
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
