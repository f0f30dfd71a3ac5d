"""A teacher's service (a reading, coaching, a session, a package): new or edited, saved as a
draft or published."""

from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import bind, call, error_text, navigate, remote_view, screen, scroll
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.covers.view import cover_section
from wisdom_app.features.studio import actions
from wisdom_app.features.studio.forms import EDITOR_MAX_WIDTH, kronor_text, parse_int, parse_price
from wisdom_app.state import Remote

NEW_SERVICE = {
    "title": "",
    "description": "",
    "kind": "session",
    "duration": "60",
    "delivery": "online",
    "price": "500",
}


def _form_of(service: Json) -> dict[str, Any]:
    return {
        "title": service["title"],
        "description": service["description"],
        "kind": service["kind"],
        "duration": str(service["duration_minutes"]),
        "delivery": service["delivery"],
        "price": kronor_text(service["price_cents"]),
    }


def _fields_of(form: dict[str, Any]) -> dict[str, Any]:
    """What the API takes; ValueError (in Swedish) for a length or price that is not one."""
    return {
        "title": form["title"].strip(),
        "description": form["description"],
        "kind": form["kind"],
        "duration_minutes": parse_int(form["duration"], "Längden"),
        "delivery": form["delivery"],
        "price_cents": parse_price(form["price"]),
    }


@ft.component
def ServiceEditor() -> ft.Control:
    state = use_app()
    service_id = ft.use_route_params().get("service_id", actions.NEW)
    loaded, _ = ft.use_state(Remote)
    # A copy: the fields write into the form's dict as the teacher types.
    form, set_form = ft.use_state(lambda: dict(NEW_SERVICE))
    error, set_error = ft.use_state("")
    busy, set_busy = ft.use_state(False)

    async def load() -> None:
        await actions.load_service(state, loaded, service_id)
        if loaded.value:
            set_form(_form_of(loaded.value))

    ft.use_effect(load, [service_id])

    def field(key: str):
        return bind(form, key)

    async def save(publish: bool = False) -> None:
        try:
            fields = _fields_of(form)
        except ValueError as exc:
            set_error(str(exc))
            return
        set_busy(True)
        set_error("")
        try:
            await actions.save_service(state, service_id, fields, publish)
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
                *cover_section("services", service_id, loaded.value),
            ]
        )

    return screen(
        "Ny tjänst" if service_id == actions.NEW else "Redigera tjänst",
        remote_view(loaded, render, empty_text="", on_retry=load),
        back="/studio",
        max_width=EDITOR_MAX_WIDTH,
    )
