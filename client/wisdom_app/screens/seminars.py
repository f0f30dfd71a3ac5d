"""Seminars: the upcoming ones, registering (free) or buying (paid), and "Gå med", which opens
the web site's seminar room page with a fresh SFU token."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import icon_button, remote_view, section_title, show_message
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.checkout import actions as checkout
from wisdom_app.state import Remote


@ft.component
def SeminarsScreen() -> ft.Control:
    state = use_app()
    seminars, _ = ft.use_state(Remote)

    async def load() -> None:
        await seminars.load(state.api.seminars)

    ft.use_effect(load, [])

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView([SeminarCard(s) for s in items], spacing=8, expand=True)

    return ft.Column(
        [
            section_title(
                "Seminarier",
                icon_button(ft.Icons.REFRESH, "Uppdatera seminarier", on_click=load),
            ),
            ft.Container(
                remote_view(
                    seminars,
                    render,
                    empty_text="Inga seminarier är planerade just nu.",
                    empty_icon=ft.Icons.EVENT_OUTLINED,
                    on_retry=load,
                ),
                expand=True,
            ),
        ],
        expand=True,
    )


@ft.component
def SeminarCard(seminar: Json) -> ft.Control:
    """A seminar; its viewer state (seated, host) is read when the card is shown."""
    state = use_app()
    detail, _ = ft.use_state(Remote)
    busy, set_busy = ft.use_state(False)
    seminar_id = str(seminar["id"])

    async def load() -> None:
        await detail.load(lambda: state.api.seminar(seminar_id))

    ft.use_effect(load, [seminar_id])
    info: Json = detail.value or seminar
    viewer = info.get("viewer") or {}
    # The newest order for this seat (an earlier one may have been canceled).
    order = next(
        (o for o in reversed(list(state.orders.values())) if str(o.get("seminar_id")) == seminar_id),
        None,
    )

    order_status = (order or {}).get("status")

    async def reload_when_settled() -> None:
        """Paid (a seat) or canceled (a seat free again): the card reads the seminar anew."""
        if order_status in ("paid", "fulfilled", "canceled"):
            await load()

    ft.use_effect(reload_when_settled, [order_status])

    async def register() -> None:
        set_busy(True)
        try:
            if info.get("is_free"):
                await state.api.register_seminar(seminar_id)
                show_message("Du är anmäld. Välkommen!")
            else:
                placed = await checkout.buy_seminar(state, info)
                show_message(f"Order {placed.get('order_number')}: betala i webbläsaren.")
            await load()
        except ApiError as exc:
            show_message(exc.message)
        finally:
            set_busy(False)

    async def join() -> None:
        set_busy(True)
        try:
            token = await state.api.seminar_token(seminar_id)
            await state.open_url(str(token["room_page_url"]))
        except ApiError as exc:
            show_message(exc.message)
        finally:
            set_busy(False)

    actions: list[ft.Control] = []
    if viewer.get("seated") or viewer.get("is_host"):
        actions.append(ft.FilledButton("Gå med", icon=ft.Icons.VIDEOCAM_OUTLINED, on_click=join, disabled=busy))
        if viewer.get("seated"):
            actions.append(ft.Text("Du är anmäld", color=ft.Colors.PRIMARY))
    elif info.get("status") in ("scheduled", "live"):
        label = "Anmäl dig" if info.get("is_free") else f"Köp plats ({fmt.money(info.get('price_cents'))})"
        full = int(info.get("seats_left", 1)) <= 0
        actions.append(
            ft.FilledButton(
                "Fullbokat" if full else label,
                on_click=register,
                disabled=busy or full or (order is not None and order.get("status") == "pending"),
            )
        )
    if order is not None:
        actions.append(
            ft.Text(
                f"Order {order.get('order_number')}: {fmt.ORDER_STATUS.get(order.get('status', ''), '')}",
                size=12,
            )
        )
        if order.get("status") in ("paid", "fulfilled") and not viewer.get("seated"):
            actions.append(ft.TextButton("Uppdatera", on_click=load))
    return ft.Card(
        ft.Container(
            ft.Column(
                [
                    ft.Text(info.get("title", ""), weight=ft.FontWeight.W_600),
                    ft.Text(
                        f"{fmt.when(info.get('starts_at'))} · {fmt.minutes(info.get('duration_minutes'))} · {info.get('host_display_name', '')}",
                        size=12,
                        color=ft.Colors.ON_SURFACE_VARIANT,
                    ),
                    ft.Text(
                        info.get("description", ""),
                        max_lines=3,
                        overflow=ft.TextOverflow.ELLIPSIS,
                    ),
                    ft.Text(
                        f"{fmt.STATUS_LABELS.get(info.get('status', ''), '')} · {fmt.count(info.get('seats_left'), 'plats', 'platser')} kvar · "
                        + ("Gratis" if info.get("is_free") else fmt.money(info.get("price_cents"))),
                        size=12,
                    ),
                    ft.Row(actions, wrap=True),
                ],
                spacing=6,
            ),
            padding=12,
        )
    )
