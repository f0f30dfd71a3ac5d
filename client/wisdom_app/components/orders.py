"""An order's line under what was bought: its number and state, and while it is pending a way
to read it now (the caller says how)."""

from collections.abc import Callable
from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json


def order_status(order: Json, on_refresh: Callable[[], Any]) -> ft.Control:
    status = order.get("status", "")
    label = f"Order {order.get('order_number', '')}: {fmt.ORDER_STATUS.get(status, status)}"
    if status == "pending":
        return ft.Row(
            [
                ft.ProgressRing(width=14, height=14, stroke_width=2),
                ft.Text(label, size=theme.CAPTION, expand=True),
                ft.TextButton("Kolla nu", on_click=on_refresh),
            ]
        )
    paid = status in ("paid", "fulfilled")
    return ft.Row(
        [
            ft.Icon(
                ft.Icons.CHECK_CIRCLE if paid else ft.Icons.INFO_OUTLINE,
                size=16,
                color=ft.Colors.GREEN if paid else theme.MUTED,
            ),
            ft.Text(label, size=theme.CAPTION),
        ]
    )
