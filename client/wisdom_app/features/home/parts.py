"""What HOME's three lists share: a titled column."""

import flet as ft

from wisdom_app.components import section_title


def home_list(title: str, body: ft.Control, trailing: ft.Control | None = None) -> ft.Control:
    """One of HOME's lists: its title (with an optional control on the right) above the body."""
    return ft.Column([section_title(title, trailing), ft.Container(body, expand=True)], expand=True)
