"""Orders: find them by number, buyer, teacher or title, and refund all or part of one."""

from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import ask, bind, choice_row, icon_button, remote_view, scroll, use_form
from wisdom_app.context import use_app
from wisdom_app.features.admin import actions
from wisdom_app.features.admin.frame import Reload, admin_page, attempt, card, muted, reason_field
from wisdom_app.state import AppState, Remote

# Statuses in which money has come in and some of it may still go back.
REFUNDABLE = ("paid", "fulfilled", "partially_refunded")
STATUS_FILTERS = [
    (None, "Alla"),
    ("pending", "Obetalda"),
    ("paid", "Betalda"),
    ("fulfilled", "Levererade"),
    ("partially_refunded", "Delvis återbetalda"),
    ("refunded", "Återbetalda"),
    ("canceled", "Avbrutna"),
]


def refund_dialog(state: AppState, order: Json, then: Reload) -> None:
    """Ask for an amount (empty: all that is left) and a reason, then refund."""
    left = int(order.get("amount_cents", 0)) - int(order.get("refunded_cents", 0))
    values: dict[str, Any] = {"amount": "", "reason": ""}

    def amount_cents() -> int | None:
        text = str(values["amount"]).strip()
        return fmt.parse_kronor(text) if text else None

    def validate() -> str:
        try:
            cents = amount_cents()
        except ValueError:
            return "Skriv beloppet i kronor, till exempel 200 eller 199,50."
        if cents is not None and not 0 < cents <= left:
            return f"Beloppet ska vara mellan 0,01 kr och {fmt.money(left)}."
        return ""

    async def refund() -> None:
        cents = amount_cents()
        shown = fmt.money(cents if cents is not None else left)
        await attempt(
            lambda: actions.refund_order(state, str(order["id"]), cents, values["reason"]),
            f"Återbetalning av {shown} för order {order.get('order_number')} är begärd.",
            then,
        )

    ask(
        "Återbetala?",
        f"Order {order.get('order_number')}: {order.get('item_title', '')} till {order.get('buyer_name', '')}. "
        f"Kvar att återbetala: {fmt.money(left)}. En återbetalning går inte att ångra.",
        "Återbetala",
        refund,
        fields=[
            ft.TextField(
                label="Belopp i kronor (tomt = allt som är kvar)",
                on_change=bind(values, "amount"),
                keyboard_type=ft.KeyboardType.NUMBER,
            ),
            reason_field(values, "Anledning (valfri)"),
        ],
        validate=validate,
        destructive=True,
    )


def order_tile(state: AppState, order: Json, then: Reload) -> ft.Control:
    """One order with its people, amount and status; a refund button while money is left."""
    status = order.get("status", "")
    facts = [
        f"köpare {order.get('buyer_name', '')}, säljare {order.get('seller_name', '')}",
        fmt.money(order.get("amount_cents"), order.get("currency", "SEK")),
        fmt.ORDER_STATUS.get(status, status),
        fmt.day(order.get("created_at")),
    ]
    if order.get("refunded_cents"):
        facts.append(f"återbetalt {fmt.money(order['refunded_cents'])}")
    controls: list[ft.Control] = [
        ft.Text(f"#{order.get('order_number')} · {order.get('item_title', '')}", weight=ft.FontWeight.W_600),
        muted(" · ".join(f for f in facts if f)),
    ]
    if status in REFUNDABLE and int(order.get("refunded_cents", 0)) < int(order.get("amount_cents", 0)):
        controls.append(
            ft.Row(
                [
                    ft.OutlinedButton(
                        "Återbetala",
                        icon=ft.Icons.UNDO,
                        on_click=lambda: refund_dialog(state, order, then),
                    )
                ]
            )
        )
    return card(controls)


@ft.component
def OrdersScreen() -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"q": ""})
    query, set_query = ft.use_state("")
    status, set_status = ft.use_state(None)
    orders, _ = ft.use_state(Remote)

    async def load() -> None:
        await actions.load_orders(state, orders, query or None, status)

    ft.use_effect(load, [query, status])

    def search() -> None:
        set_query(str(form["q"]).strip())

    def render(items: list[Json]) -> ft.Control:
        return scroll([order_tile(state, o, load) for o in items], spacing=6)

    body = ft.Column(
        [
            ft.Row(
                [
                    ft.TextField(
                        label="Ordernummer, köpare, lärare eller titel",
                        on_change=bind(form, "q"),
                        on_submit=search,
                        expand=True,
                    ),
                    ft.FilledButton("Sök", icon=ft.Icons.SEARCH, on_click=search),
                ]
            ),
            choice_row(STATUS_FILTERS, status, set_status),
            ft.Container(
                remote_view(
                    orders,
                    render,
                    empty_text="Inga ordrar hittades.",
                    empty_icon=ft.Icons.RECEIPT_LONG_OUTLINED,
                    on_retry=load,
                ),
                expand=True,
            ),
        ],
        expand=True,
    )
    return admin_page("/admin/orders", body, icon_button(ft.Icons.REFRESH, "Uppdatera ordrar", on_click=load))
