"""Tjänster on HOME: the services on offer, buying one (or choosing a time for a bookable
one), and the state of the order bought here."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import (
    call,
    icon_button,
    navigate,
    order_status,
    remote_view,
    show_message,
    with_thumbnail,
)
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.checkout import actions as checkout
from wisdom_app.features.covers.actions import cover_link
from wisdom_app.features.home import actions
from wisdom_app.features.home.parts import home_list
from wisdom_app.features.teachers.links import teacher_link
from wisdom_app.state import BOOKABLE_KINDS, Remote


@ft.component
def ServicesList(services: Remote) -> ft.Control:
    state = use_app()

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView([ServiceCard(service) for service in items], spacing=theme.SPACE_S, expand=True)

    return home_list(
        "Tjänster",
        remote_view(
            services,
            render,
            empty_text="Inga tjänster är aktiva just nu.",
            empty_icon=ft.Icons.STOREFRONT_OUTLINED,
            on_retry=call(actions.load_services, state),
        ),
        icon_button(ft.Icons.REFRESH, "Uppdatera tjänster", on_click=call(actions.load_services, state)),
    )


@ft.component
def ServiceCard(service: Json) -> ft.Control:
    state = use_app()
    busy, set_busy = ft.use_state(False)
    service_id = str(service["id"])
    order = state.order_for_service(service_id)
    own = state.profile is not None and str(service.get("teacher_id")) == str(state.profile.get("id"))
    bookable = service.get("kind") in BOOKABLE_KINDS

    async def buy() -> None:
        if bookable:  # a time is chosen first, on the booking screen
            navigate(f"/services/{service_id}/book")
            return
        set_busy(True)
        try:
            await checkout.buy_service(state, service)
        except ApiError as exc:
            show_message(exc.message)
        finally:
            set_busy(False)

    controls: list[ft.Control] = [
        with_thumbnail(
            ft.Text(service.get("title", ""), weight=ft.FontWeight.W_600),
            cover_link(state, service.get("cover_media_id")),
        ),
        ft.Row([teacher_link(service.get("teacher_name", ""), service.get("teacher_id"))]),
        ft.Text(service_facts(service), size=theme.CAPTION),
        ft.Text(
            service.get("description", ""),
            max_lines=3,
            overflow=ft.TextOverflow.ELLIPSIS,
            visible=bool(service.get("description")),
        ),
        ft.Row(
            [
                ft.Text(
                    fmt.money(service.get("price_cents"), service.get("currency", "SEK")),
                    weight=ft.FontWeight.W_600,
                ),
                ft.FilledButton(
                    "Välj tid" if bookable else "Köp",
                    icon=ft.Icons.EVENT if bookable else ft.Icons.SHOPPING_CART_OUTLINED,
                    on_click=buy,
                    disabled=busy or own or (order is not None and order.get("status") == "pending"),
                    tooltip="Du säljer den här tjänsten" if own else None,
                ),
            ],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        ),
    ]
    if order is not None:
        controls.append(order_status(order, call(checkout.refresh_order, state, str(order["id"]))))
        if service.get("kind") == "package" and order.get("status") in ("paid", "fulfilled"):
            controls.append(
                ft.TextButton(
                    "Dina klipp: Mina bokningar", icon=ft.Icons.EVENT_AVAILABLE, on_click=lambda: navigate("/bookings")
                )
            )
    return ft.Card(ft.Container(ft.Column(controls, spacing=6), padding=theme.SPACE_M))


def service_facts(service: Json) -> str:
    """Kind, length, how it is given and (for a package) its sessions, in one line."""
    return " · ".join(
        part
        for part in (
            fmt.SERVICE_KINDS.get(service.get("kind", ""), ""),
            fmt.minutes(service.get("duration_minutes")),
            fmt.DELIVERY.get(service.get("delivery", ""), ""),
            f"{service['sessions_count']} pass, giltiga {service.get('valid_months')} mån"
            if service.get("kind") == "package" and service.get("sessions_count")
            else "",
        )
        if part
    )
