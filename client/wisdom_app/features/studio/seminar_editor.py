"""A teacher's seminar (a live session for many): new or edited."""

from collections.abc import Callable
from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import bind, error_text, navigate, remote_view, screen, scroll
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.covers.view import cover_section
from wisdom_app.features.studio import actions
from wisdom_app.features.studio.forms import (
    EDITOR_MAX_WIDTH,
    kronor_text,
    local_text,
    parse_int,
    parse_local,
    parse_price,
)
from wisdom_app.features.studio.start_picker import start_pickers
from wisdom_app.state import Remote

NEW_SEMINAR = {
    "title": "",
    "description": "",
    "day": "",  # "2026-12-03" and "18:00", picked (Stockholm time)
    "clock": "",
    "duration": "60",
    "capacity": "20",
    "price": "0",
    "speaking": False,
}


def _form_of(seminar: Json) -> dict[str, Any]:
    day, _, clock = local_text(fmt.parse_time(seminar["starts_at"])).partition(" ")
    return {
        "title": seminar["title"],
        "description": seminar["description"],
        "day": day,
        "clock": clock,
        "duration": str(seminar["duration_minutes"]),
        "capacity": str(seminar["capacity"]),
        "price": kronor_text(seminar["price_cents"]),
        "speaking": bool(seminar["allow_speaking"]),
    }


def _fields_of(form: dict[str, Any]) -> dict[str, Any]:
    """What the API takes; ValueError (in Swedish) for a time, number or price that is not one."""
    if not form["day"] or not form["clock"]:
        raise ValueError("Välj startdatum och starttid.")
    return {
        "title": form["title"].strip(),
        "description": form["description"],
        "starts_at": parse_local(f"{form['day']} {form['clock']}").isoformat(),
        "duration_minutes": parse_int(form["duration"], "Längden"),
        "capacity": parse_int(form["capacity"], "Antal platser"),
        "price_cents": parse_price(form["price"]),
        "allow_speaking": bool(form["speaking"]),
    }


@ft.component
def SeminarEditor() -> ft.Control:
    state = use_app()
    seminar_id = ft.use_route_params().get("seminar_id", actions.NEW)
    loaded, _ = ft.use_state(Remote)
    # A copy: the fields write into the form's dict as the teacher types.
    form, set_form = ft.use_state(lambda: dict(NEW_SEMINAR))
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await actions.load_seminar(state, loaded, seminar_id)
        if loaded.value:
            set_form(_form_of(loaded.value))

    ft.use_effect(load, [seminar_id])

    def field(key: str):
        return bind(form, key)

    def picked(key: str) -> Callable[[str], None]:
        # A picked date or time shows on its button: a new form (the typed fields' values are
        # in it already, bind wrote them) renders the screen again.
        return lambda value: set_form({**form, key: value})

    async def save() -> None:
        try:
            fields = _fields_of(form)
        except ValueError as exc:
            set_error(str(exc))
            return
        set_busy(True)
        set_error("")
        try:
            await actions.save_seminar(state, seminar_id, fields)
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
                start_pickers(form["day"], form["clock"], picked("day"), picked("clock")),
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
                *cover_section("seminars", seminar_id, loaded.value),
            ]
        )

    return screen(
        "Nytt seminarium" if seminar_id == actions.NEW else "Redigera seminarium",
        remote_view(loaded, render, empty_text="", on_retry=load),
        back="/studio",
        max_width=EDITOR_MAX_WIDTH,
    )
