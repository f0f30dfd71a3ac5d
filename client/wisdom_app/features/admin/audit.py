"""The audit log: who did what and when, filtered by person and by kind of event."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import bind, choice_row, empty_state, icon_button, remote_view, use_form
from wisdom_app.context import use_app
from wisdom_app.features.admin import actions
from wisdom_app.features.admin.frame import admin_page, muted
from wisdom_app.features.admin.labels import audit_details
from wisdom_app.state import Remote

# Kinds of event: the prefix of their action names.
AUDIT_KINDS = [
    (None, "Alla"),
    ("auth.", "Inloggning"),
    ("user.", "Användare"),
    ("teacher_application.", "Ansökningar"),
    ("certification.", "Certifieringar"),
    ("moderation.", "Moderering"),
    ("order.", "Ordrar"),
    ("config.", "Inställningar"),
    ("payment.", "Betalningar"),
    ("booking.", "Bokningar"),
    ("seminar.", "Seminarier"),
    ("community.", "Väggen"),
    ("account.", "Konton"),
]
AUDIT_ACTIONS = {
    "auth.register": "Konto skapat",
    "auth.login": "Inloggning",
    "auth.login_failed": "Misslyckad inloggning",
    "auth.logout": "Utloggning",
    "auth.logout_all": "Utloggning överallt",
    "auth.refresh_reuse": "Återanvänd inloggningsnyckel",
    "auth.password_change": "Lösenord bytt",
    "auth.password_reset_request": "Nytt lösenord begärt",
    "auth.password_reset": "Lösenord återställt",
    "user.role_change": "Roll ändrad",
    "user.disable": "Konto avstängt",
    "user.enable": "Konto aktiverat",
    "teacher_application.approve": "Lärare godkänd",
    "teacher_application.reject": "Läraransökan avslagen",
    "certification.verify": "Certifiering verifierad",
    "certification.reject": "Certifiering avslagen",
    "config.update": "Inställning ändrad",
    "order.refund_requested": "Återbetalning begärd",
    "moderation.restore": "Innehåll återställt",
    "moderation.remove": "Innehåll borttaget",
    "payment.amount_mismatch": "Betalning med fel belopp",
    "booking.cancel": "Bokning avbokad",
    "booking.refund_granted": "Återbetalning av bokning beviljad",
    "seminar.cancel": "Seminarium inställt",
    "community.post_delete": "Inlägg borttaget",
    "community.comment_delete": "Kommentar borttagen",
    "account.deleted": "Konto raderat",
}


def audit_tile(entry: Json, names: dict[str, str]) -> ft.Control:
    actor = names.get(str(entry.get("actor_id")), "systemet") if entry.get("actor_id") else "systemet"
    subject = names.get(str(entry.get("subject_user_id")), "") if entry.get("subject_user_id") else ""
    details = audit_details(entry)
    parts = [fmt.when(entry.get("created_at")), f"av {actor}"]
    if subject and subject != actor:
        parts.append(f"gäller {subject}")
    if entry.get("ip"):
        parts.append(f"IP {entry['ip']}")
    return ft.ListTile(
        leading=ft.Icon(ft.Icons.HISTORY),
        title=ft.Text(AUDIT_ACTIONS.get(entry.get("action", ""), "Händelse")),
        subtitle=ft.Text(" · ".join(parts) + (f"\n{details}" if details else "")),
        is_three_line=bool(details),
        dense=True,
    )


@ft.component
def AuditScreen() -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"who": ""})
    action, set_action = ft.use_state(None)
    actor, set_actor = ft.use_state(None)  # (id, name) of the person filtered on
    log, _ = ft.use_state(Remote)
    actor_id = actor[0] if actor else None

    async def load() -> None:
        await actions.load_audit(state, log, actor_id, action)

    ft.use_effect(load, [action, actor])

    async def more() -> None:
        await actions.load_more_audit(state, log, actor_id, action)

    async def find_actor() -> None:
        who = str(form["who"]).strip()
        if not who:
            set_actor(None)
            return
        person = await actions.find_user(state, who)
        if person is not None:
            set_actor(person)

    def render(data: Json) -> ft.Control:
        if not data["entries"]:
            return empty_state("Inga händelser.", ft.Icons.HISTORY)
        rows: list[ft.Control] = [audit_tile(e, data["names"]) for e in data["entries"]]
        if data.get("cursor"):
            rows.append(ft.TextButton("Visa fler", on_click=more))
        return ft.ListView(rows, expand=True)

    body = ft.Column(
        [
            ft.Row(
                [
                    ft.TextField(
                        label="Vem (e-post eller namn)", on_change=bind(form, "who"), on_submit=find_actor, expand=True
                    ),
                    ft.FilledButton("Filtrera", icon=ft.Icons.FILTER_LIST, on_click=find_actor),
                ]
            ),
            muted(f"Visar händelser av {actor[1]}" if actor else "Visar alla personers händelser."),
            choice_row(AUDIT_KINDS, action, set_action),
            ft.Container(
                remote_view(log, render, empty_text="Inga händelser.", empty_icon=ft.Icons.HISTORY, on_retry=load),
                expand=True,
            ),
        ],
        expand=True,
    )
    return admin_page("/admin/audit", body, icon_button(ft.Icons.REFRESH, "Uppdatera loggen", on_click=load))
