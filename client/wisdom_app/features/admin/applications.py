"""Teacher applications: read what the applicant wrote, then approve or reject (with a reason
the applicant sees)."""

from collections.abc import Callable
from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import ask, choice_row, icon_button, remote_view, scroll
from wisdom_app.context import use_app
from wisdom_app.features.admin import actions
from wisdom_app.features.admin.frame import (
    admin_page,
    attempt,
    card,
    filtered_list,
    muted,
    need_reason,
    quoted,
    reason_field,
)
from wisdom_app.state import Remote

APPLICATION_STATUS = {"pending": "Väntar", "approved": "Godkänd", "rejected": "Avslagen"}
STATUS_FILTERS = [("pending", "Väntande"), ("approved", "Godkända"), ("rejected", "Avslagna"), ("all", "Alla")]


def application_card(a: Json, approve: Callable[[Json], None], reject: Callable[[Json], None]) -> ft.Control:
    who = a.get("applicant") or {}
    controls: list[ft.Control] = [
        ft.Text(f"{who.get('display_name', '')} · {who.get('email', '')}", weight=ft.FontWeight.W_600),
        muted(
            f"{APPLICATION_STATUS.get(a.get('status', ''), '')} · skickad {fmt.when(a.get('created_at'))} · "
            f"roll nu: {fmt.ROLES.get(who.get('role', ''), who.get('role', ''))}"
        ),
        ft.Text("Motivering", weight=ft.FontWeight.W_500),
        quoted(a.get("motivation", "")),
    ]
    if a.get("credentials"):
        controls += [ft.Text("Utbildning och erfarenhet", weight=ft.FontWeight.W_500), quoted(a["credentials"])]
    if a.get("reject_reason"):
        controls.append(muted(f"Skäl till avslag: {a['reject_reason']}"))
    if a.get("status") == "pending":
        controls.append(
            ft.Row(
                [
                    ft.FilledButton("Godkänn", icon=ft.Icons.HOW_TO_REG_OUTLINED, on_click=lambda _: approve(a)),
                    ft.OutlinedButton("Avslå", icon=ft.Icons.BLOCK, on_click=lambda _: reject(a)),
                ],
                wrap=True,
            )
        )
    return card(controls)


@ft.component
def ApplicationsScreen() -> ft.Control:
    state = use_app()
    status, set_status = ft.use_state("pending")
    applications, _ = ft.use_state(Remote)

    async def load() -> None:
        await actions.load_applications(state, applications, status)

    ft.use_effect(load, [status])

    def approve(a: Json) -> None:
        who = a["applicant"]
        ask(
            "Godkänn ansökan?",
            f"{who['display_name']} ({who['email']}) blir lärare och kan sälja kurser, tjänster och seminarier.",
            "Godkänn",
            lambda: attempt(
                lambda: actions.approve_application(state, str(a["id"])),
                f"{who['display_name']} är nu lärare.",
                load,
            ),
        )

    def reject(a: Json) -> None:
        values: dict[str, Any] = {"reason": ""}
        who = a["applicant"]
        ask(
            "Avslå ansökan?",
            f"{who['display_name']} får se motiveringen.",
            "Avslå",
            lambda: attempt(
                lambda: actions.reject_application(state, str(a["id"]), values["reason"]),
                f"Ansökan från {who['display_name']} är avslagen.",
                load,
            ),
            fields=[reason_field(values)],
            validate=need_reason(values),
            destructive=True,
        )

    def render(items: list[Json]) -> ft.Control:
        return scroll([application_card(a, approve, reject) for a in items])

    body = filtered_list(
        choice_row(STATUS_FILTERS, status, set_status),
        remote_view(
            applications,
            render,
            empty_text="Inga ansökningar att granska.",
            empty_icon=ft.Icons.HOW_TO_REG_OUTLINED,
            on_retry=load,
        ),
    )
    return admin_page("/admin", body, icon_button(ft.Icons.REFRESH, "Uppdatera ansökningar", on_click=load))
