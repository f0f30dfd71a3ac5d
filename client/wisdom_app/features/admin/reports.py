"""Moderation: reported posts, comments and messages; read the whole post, then restore the
content (it shows again) or remove it (for everyone, and the author is told)."""

from collections.abc import Callable

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import ask, call, choice_row, icon_button, remote_view, scroll
from wisdom_app.context import use_app
from wisdom_app.features.admin import actions
from wisdom_app.features.admin.frame import admin_page, attempt, card, filtered_list, muted, quoted
from wisdom_app.state import AppState, Remote

REPORT_STATUS = {"open": "Öppen", "restored": "Återställd", "removed": "Borttagen"}
STATUS_FILTERS = [("open", "Öppna"), ("restored", "Återställda"), ("removed", "Borttagna")]
TARGET_TYPES = {"post": "Inlägg", "comment": "Kommentar", "message": "Meddelande"}
# Definite form and the participle that agrees with it ("kommentaren är borttagen").
TARGET_DEFINITE = {
    "post": ("inlägget", "borttaget"),
    "comment": ("kommentaren", "borttagen"),
    "message": ("meddelandet", "borttaget"),
}


async def show_post(state: AppState, post_id: str) -> None:
    """The whole reported post (admins see hidden posts too)."""
    post = await actions.fetch_post(state, post_id)
    if post is None:
        return
    page = ft.context.page
    author = (post.get("author") or {}).get("display_name", "")
    page.show_dialog(
        ft.AlertDialog(
            title=ft.Text(f"Inlägg av {author}".strip()),
            content=ft.Column(
                [quoted(post.get("body", "")), muted(fmt.when(post.get("created_at")))],
                tight=True,
                width=480,
                scroll=ft.ScrollMode.AUTO,
            ),
            actions=[ft.TextButton("Stäng", on_click=lambda: page.pop_dialog())],
        )
    )


def report_card(state: AppState, r: Json, resolve: Callable[[Json, bool], None]) -> ft.Control:
    target = r.get("target") or {}
    author = (target.get("author") or {}).get("display_name", "okänd")
    reporter = (r.get("reporter") or {}).get("display_name", "okänd")
    flags = [
        fmt.count(target.get("open_reports"), "öppen anmälan", "öppna anmälningar"),
        "dolt" if target.get("hidden") else "",
        "borttaget" if target.get("removed") else "",
    ]
    controls: list[ft.Control] = [
        ft.Text(f"{TARGET_TYPES.get(target.get('type', ''), 'Innehåll')} av {author}", weight=ft.FontWeight.W_600),
        muted(" · ".join(f for f in flags if f)),
        quoted(target.get("excerpt", "")),
        ft.Text(f"Anmält av {reporter} {fmt.when(r.get('created_at'))}: {r.get('reason', '')}"),
        muted(REPORT_STATUS.get(r.get("status", ""), "")),
    ]
    buttons: list[ft.Control] = []
    if target.get("type") == "post":
        buttons.append(
            ft.TextButton(
                "Visa hela inlägget",
                icon=ft.Icons.ARTICLE_OUTLINED,
                on_click=call(show_post, state, str(target["id"])),
            )
        )
    if r.get("status") == "open":
        buttons += [
            ft.FilledButton("Återställ", icon=ft.Icons.VISIBILITY_OUTLINED, on_click=lambda _: resolve(r, False)),
            ft.OutlinedButton("Ta bort", icon=ft.Icons.DELETE_OUTLINE, on_click=lambda _: resolve(r, True)),
        ]
    if buttons:
        controls.append(ft.Row(buttons, wrap=True))
    return card(controls)


@ft.component
def ReportsScreen() -> ft.Control:
    state = use_app()
    status, set_status = ft.use_state("open")
    reports, _ = ft.use_state(Remote)

    async def load() -> None:
        await actions.load_reports(state, reports, status)

    ft.use_effect(load, [status])

    def resolve(r: Json, remove: bool) -> None:
        target = r["target"]
        the, removed = TARGET_DEFINITE.get(target.get("type", ""), ("innehållet", "borttaget"))
        if remove:
            ask(
                "Ta bort?",
                f"{the.capitalize()} tas bort för alla och författaren får veta det. Det går inte att ångra.",
                "Ta bort",
                lambda: attempt(
                    lambda: actions.remove_report(state, str(r["id"])), f"{the.capitalize()} är {removed}.", load
                ),
                destructive=True,
            )
        else:
            ask(
                "Återställ?",
                f"{the.capitalize()} visas igen för alla och alla öppna anmälningar av det stängs.",
                "Återställ",
                lambda: attempt(
                    lambda: actions.restore_report(state, str(r["id"])), f"{the.capitalize()} visas igen.", load
                ),
            )

    def render(items: list[Json]) -> ft.Control:
        return scroll([report_card(state, r, resolve) for r in items])

    body = filtered_list(
        choice_row(STATUS_FILTERS, status, set_status),
        remote_view(reports, render, empty_text="Inga anmälningar.", empty_icon=ft.Icons.FLAG_OUTLINED, on_retry=load),
    )
    return admin_page("/admin/reports", body, icon_button(ft.Icons.REFRESH, "Uppdatera anmälningar", on_click=load))
