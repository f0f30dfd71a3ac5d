"""The admin area (admins only; the API refuses everyone else anyway): teacher applications,
certifications, users, moderation, orders and refunds, platform settings and the audit log.

Every action that cannot be undone asks first, every result is shown, and API errors are
shown in Swedish (ApiError.message)."""

import asyncio
import mimetypes
from collections.abc import Awaitable, Callable
from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import (
    ask,
    bind,
    call,
    choice_row,
    empty_state,
    icon_button,
    navigate,
    remote_view,
    scroll,
    section_title,
    show_message,
    use_form,
)
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.state import AppState, Remote

SECTIONS = [
    ("/admin", "Ansökningar"),
    ("/admin/certifications", "Certifieringar"),
    ("/admin/users", "Användare"),
    ("/admin/reports", "Moderering"),
    ("/admin/orders", "Ordrar"),
    ("/admin/settings", "Inställningar"),
    ("/admin/audit", "Logg"),
]
APPLICATION_STATUS = {"pending": "Väntar", "approved": "Godkänd", "rejected": "Avslagen"}
CERTIFICATION_STATUS = {"pending": "Väntar", "verified": "Verifierad", "rejected": "Avslagen"}
REPORT_STATUS = {"open": "Öppen", "restored": "Återställd", "removed": "Borttagen"}
TARGET_TYPES = {"post": "Inlägg", "comment": "Kommentar", "message": "Meddelande"}
# Definite form and the participle that agrees with it ("kommentaren är borttagen").
TARGET_DEFINITE = {
    "post": ("inlägget", "borttaget"),
    "comment": ("kommentaren", "borttagen"),
    "message": ("meddelandet", "borttaget"),
}
REFUNDABLE = ("paid", "fulfilled", "partially_refunded")
SETTING_LABELS = {
    "free_course_limit": "Gratiskurser per elev",
    "platform_fee_bps": "Plattformsavgift (baspunkter, 1000 = 10 %)",
    "vat_rate_bps": "Moms på kvitton (baspunkter, 2500 = 25 %)",
}
AUDIT_KINDS = [
    (None, "Alla"),
    ("auth.", "Inloggning"),
    ("user.", "Användare"),
    ("teacher_application.", "Ansökningar"),
    ("certification.", "Certifieringar"),
    ("moderation.", "Moderering"),
    ("order.", "Ordrar"),
    ("config.", "Inställningar"),
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
}


def admin_page(current: str, body: ft.Control, trailing: ft.Control | None = None) -> ft.Control:
    """The admin area's frame: its sections as buttons above the current one."""
    nav = ft.Row(
        [
            (ft.FilledButton if route == current else ft.OutlinedButton)(
                label, on_click=lambda _, route=route: navigate(route)
            )
            for route, label in SECTIONS
        ],
        wrap=True,
        spacing=6,
        run_spacing=6,
    )
    return ft.Column(
        [section_title("Administration", trailing), nav, ft.Container(body, expand=True)],
        expand=True,
        spacing=10,
    )


async def attempt(action: Callable[[], Awaitable[Any]], done: str, then: Callable[[], Awaitable[None]]) -> bool:
    """Run an admin action: its result or the API's error as a message, then reload."""
    try:
        await action()
    except ApiError as exc:
        show_message(exc.message)
        return False
    show_message(done)
    await then()
    return True


def reason_field(values: dict[str, Any], label: str = "Motivering (visas för personen)") -> ft.Control:
    return ft.TextField(
        label=label, multiline=True, min_lines=2, max_lines=5, max_length=2000, on_change=bind(values, "reason")
    )


def need_reason(values: dict[str, Any]) -> Callable[[], str]:
    return lambda: "" if str(values.get("reason", "")).strip() else "Skriv en motivering."


def card(controls: list[ft.Control]) -> ft.Control:
    return ft.Card(ft.Container(ft.Column(controls, spacing=4), padding=12))


def muted(text: str) -> ft.Control:
    return ft.Text(text, size=12, color=ft.Colors.ON_SURFACE_VARIANT)


def quoted(text: str) -> ft.Control:
    return ft.Container(
        ft.Text(text),
        padding=10,
        border_radius=8,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
    )


# ---------------------------------------------------------------------- teacher applications


@ft.component
def ApplicationsScreen() -> ft.Control:
    state = use_app()
    status, set_status = ft.use_state("pending")
    applications, _ = ft.use_state(Remote)

    async def load() -> None:
        await applications.load(lambda: state.api.admin_applications(status))

    ft.use_effect(load, [status])

    def approve(a: Json) -> None:
        who = a["applicant"]
        ask(
            "Godkänn ansökan?",
            f"{who['display_name']} ({who['email']}) blir lärare och kan sälja kurser, tjänster och seminarier.",
            "Godkänn",
            lambda: attempt(
                lambda: state.api.approve_application(str(a["id"])),
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
                lambda: state.api.reject_application(str(a["id"]), values["reason"].strip()),
                f"Ansökan från {who['display_name']} är avslagen.",
                load,
            ),
            fields=[reason_field(values)],
            validate=need_reason(values),
            destructive=True,
        )

    def render(items: list[Json]) -> ft.Control:
        cards = []
        for a in items:
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
                            ft.FilledButton(
                                "Godkänn", icon=ft.Icons.HOW_TO_REG_OUTLINED, on_click=lambda _, a=a: approve(a)
                            ),
                            ft.OutlinedButton("Avslå", icon=ft.Icons.BLOCK, on_click=lambda _, a=a: reject(a)),
                        ],
                        wrap=True,
                    )
                )
            cards.append(card(controls))
        return scroll(cards)

    body = ft.Column(
        [
            choice_row(
                [("pending", "Väntande"), ("approved", "Godkända"), ("rejected", "Avslagna"), ("all", "Alla")],
                status,
                set_status,
            ),
            ft.Container(
                remote_view(
                    applications,
                    render,
                    empty_text="Inga ansökningar att granska.",
                    empty_icon=ft.Icons.HOW_TO_REG_OUTLINED,
                    on_retry=load,
                ),
                expand=True,
            ),
        ],
        expand=True,
    )
    return admin_page("/admin", body, icon_button(ft.Icons.REFRESH, "Uppdatera ansökningar", on_click=load))


# ---------------------------------------------------------------------- certifications


async def show_document(state: AppState, media_id: str) -> None:
    """An image is shown in the app; other documents (PDF) are saved to open elsewhere."""
    try:
        content, content_type = await state.api.media_file(media_id)
    except ApiError as exc:
        show_message(exc.message)
        return
    page = ft.context.page
    if content_type.startswith("image/"):
        page.show_dialog(
            ft.AlertDialog(
                title=ft.Text("Dokument"),
                content=ft.Image(src=content, width=520, fit=ft.BoxFit.CONTAIN),
                actions=[ft.TextButton("Stäng", on_click=lambda: page.pop_dialog())],
            )
        )
        return
    extension = mimetypes.guess_extension(content_type.split(";")[0].strip()) or ""
    await ft.FilePicker().save_file(
        dialog_title="Spara dokumentet", file_name=f"certifiering{extension}", src_bytes=content
    )


@ft.component
def CertificationsScreen() -> ft.Control:
    state = use_app()
    status, set_status = ft.use_state("pending")
    certifications, _ = ft.use_state(Remote)

    async def load() -> None:
        await certifications.load(lambda: state.api.admin_certifications(status))

    ft.use_effect(load, [status])

    def verify(c: Json) -> None:
        ask(
            "Verifiera certifieringen?",
            f"”{c.get('title', '')}” från {c.get('issuer', '')} visas på {c.get('teacher_display_name', '')}s profil.",
            "Verifiera",
            lambda: attempt(
                lambda: state.api.verify_certification(str(c["id"])), "Certifieringen är verifierad.", load
            ),
        )

    def reject(c: Json) -> None:
        values: dict[str, Any] = {"reason": ""}
        ask(
            "Avslå certifieringen?",
            f"{c.get('teacher_display_name', '')} får se motiveringen.",
            "Avslå",
            lambda: attempt(
                lambda: state.api.reject_certification(str(c["id"]), values["reason"].strip()),
                "Certifieringen är avslagen.",
                load,
            ),
            fields=[reason_field(values)],
            validate=need_reason(values),
            destructive=True,
        )

    def render(items: list[Json]) -> ft.Control:
        cards = []
        for c in items:
            controls: list[ft.Control] = [
                ft.Text(
                    f"{c.get('title', '')} · {c.get('issuer', '')} ({c.get('year', '')})", weight=ft.FontWeight.W_600
                ),
                muted(
                    f"{c.get('teacher_display_name', '')} · {CERTIFICATION_STATUS.get(c.get('status', ''), '')} · "
                    f"inskickad {fmt.when(c.get('created_at'))}"
                ),
            ]
            if c.get("reject_reason"):
                controls.append(muted(f"Skäl till avslag: {c['reject_reason']}"))
            actions: list[ft.Control] = []
            if c.get("document_media_id"):
                actions.append(
                    ft.TextButton(
                        "Visa dokument",
                        icon=ft.Icons.DESCRIPTION_OUTLINED,
                        on_click=call(show_document, state, str(c["document_media_id"])),
                    )
                )
            else:
                controls.append(muted("Inget dokument bifogat."))
            if c.get("status") == "pending":
                actions += [
                    ft.FilledButton("Verifiera", icon=ft.Icons.VERIFIED_OUTLINED, on_click=lambda _, c=c: verify(c)),
                    ft.OutlinedButton("Avslå", icon=ft.Icons.BLOCK, on_click=lambda _, c=c: reject(c)),
                ]
            if actions:
                controls.append(ft.Row(actions, wrap=True))
            cards.append(card(controls))
        return scroll(cards)

    body = ft.Column(
        [
            choice_row(
                [("pending", "Väntande"), ("verified", "Verifierade"), ("rejected", "Avslagna"), ("all", "Alla")],
                status,
                set_status,
            ),
            ft.Container(
                remote_view(
                    certifications,
                    render,
                    empty_text="Inga certifieringar att granska.",
                    empty_icon=ft.Icons.VERIFIED_OUTLINED,
                    on_retry=load,
                ),
                expand=True,
            ),
        ],
        expand=True,
    )
    return admin_page(
        "/admin/certifications",
        body,
        icon_button(ft.Icons.REFRESH, "Uppdatera certifieringar", on_click=load),
    )


# ---------------------------------------------------------------------- orders and refunds


def refund_dialog(state: AppState, order: Json, then: Callable[[], Awaitable[None]]) -> None:
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

        async def call() -> None:
            await state.api.refund_order(str(order["id"]), cents, values["reason"].strip())

        await attempt(call, f"Återbetalning av {shown} för order {order.get('order_number')} är begärd.", then)

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


def order_tile(state: AppState, order: Json, then: Callable[[], Awaitable[None]]) -> ft.Control:
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
        await orders.load(lambda: state.api.admin_orders(query=query or None, status=status))

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
            choice_row(
                [
                    (None, "Alla"),
                    ("pending", "Obetalda"),
                    ("paid", "Betalda"),
                    ("fulfilled", "Levererade"),
                    ("partially_refunded", "Delvis återbetalda"),
                    ("refunded", "Återbetalda"),
                    ("canceled", "Avbrutna"),
                ],
                status,
                set_status,
            ),
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


# ---------------------------------------------------------------------- users


@ft.component
def UsersScreen() -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"q": ""})
    query, set_query = ft.use_state("")
    role, set_role = ft.use_state(None)
    disabled, set_disabled = ft.use_state(None)
    users, _ = ft.use_state(Remote)

    async def load() -> None:
        await users.load(lambda: state.api.admin_users(query or None, role, disabled))

    ft.use_effect(load, [query, role, disabled])

    def search() -> None:
        set_query(str(form["q"]).strip())

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView(
            [
                ft.ListTile(
                    leading=ft.CircleAvatar(ft.Text((u.get("display_name") or "?")[:1].upper())),
                    title=ft.Text(u.get("display_name", "")),
                    subtitle=ft.Text(
                        f"{u.get('email', '')} · {fmt.ROLES.get(u.get('role', ''), '')}"
                        + (" · Avstängd" if u.get("disabled") else "")
                    ),
                    on_click=lambda _, u=u: navigate(f"/admin/users/{u['id']}"),
                )
                for u in items
            ],
            expand=True,
        )

    body = ft.Column(
        [
            ft.Row(
                [
                    ft.TextField(
                        label="Sök e-post eller namn", on_change=bind(form, "q"), on_submit=search, expand=True
                    ),
                    ft.FilledButton("Sök", icon=ft.Icons.SEARCH, on_click=search),
                ]
            ),
            choice_row(
                [(None, "Alla roller"), ("student", "Elever"), ("teacher", "Lärare"), ("admin", "Administratörer")],
                role,
                set_role,
            ),
            choice_row([(None, "Alla konton"), (False, "Aktiva"), (True, "Avstängda")], disabled, set_disabled),
            ft.Container(
                remote_view(
                    users,
                    render,
                    empty_text="Inga användare hittades.",
                    empty_icon=ft.Icons.PEOPLE_OUTLINE,
                    on_retry=load,
                ),
                expand=True,
            ),
        ],
        expand=True,
    )
    return admin_page("/admin/users", body)


async def load_user(state: AppState, user_id: str) -> Json:
    """The user with their purchases, sales (teachers) and enrollments."""
    user, bought, sold, courses = await asyncio.gather(
        state.api.admin_user(user_id),
        state.api.admin_orders(buyer_id=user_id),
        state.api.admin_orders(seller_id=user_id),
        state.api.admin_user_courses(user_id),
    )
    return {"user": user, "bought": bought["items"], "sold": sold["items"], "courses": courses["items"]}


@ft.component
def UserScreen() -> ft.Control:
    state = use_app()
    user_id = ft.use_route_params()["user_id"]
    data, _ = ft.use_state(Remote)

    async def load() -> None:
        await data.load(lambda: load_user(state, user_id))

    ft.use_effect(load, [user_id])

    def change_role(user: Json, role: str) -> None:
        ask(
            "Byt roll?",
            f"{user['display_name']} blir {fmt.ROLES.get(role, role).lower()} (nu {fmt.ROLES.get(user['role'], '').lower()}).",
            "Byt roll",
            lambda: attempt(
                lambda: state.api.admin_update_user(user_id, role=role),
                f"{user['display_name']} är nu {fmt.ROLES.get(role, role).lower()}.",
                load,
            ),
        )

    def toggle_disabled(user: Json) -> None:
        disabling = not user.get("disabled")
        ask(
            "Stäng av kontot?" if disabling else "Aktivera kontot?",
            f"{user['display_name']} loggas ut överallt och kan inte logga in förrän kontot aktiveras igen."
            if disabling
            else f"{user['display_name']} kan logga in igen.",
            "Stäng av" if disabling else "Aktivera",
            lambda: attempt(
                lambda: state.api.admin_update_user(user_id, disabled=disabling),
                "Kontot är avstängt." if disabling else "Kontot är aktiverat.",
                load,
            ),
            destructive=disabling,
        )

    def render(d: Json) -> ft.Control:
        user = d["user"]
        me = str((state.profile or {}).get("id")) == str(user["id"])
        controls: list[ft.Control] = [
            ft.Text(f"{user['email']} · {fmt.ROLES.get(user['role'], '')}", weight=ft.FontWeight.W_600),
            muted(
                f"Medlem sedan {fmt.day(user.get('created_at'))} · "
                + (f"Avstängd sedan {fmt.day(user.get('disabled_at'))}" if user.get("disabled") else "Aktiv")
            ),
        ]
        if not me:
            controls += [
                ft.Text("Roll", weight=ft.FontWeight.W_500),
                choice_row(
                    [("student", "Elev"), ("teacher", "Lärare"), ("admin", "Administratör")],
                    user["role"],
                    lambda role: change_role(user, role) if role != user["role"] else None,
                ),
                ft.Row(
                    [
                        ft.OutlinedButton(
                            "Aktivera kontot" if user.get("disabled") else "Stäng av kontot",
                            icon=ft.Icons.LOCK_OPEN if user.get("disabled") else ft.Icons.BLOCK,
                            on_click=lambda: toggle_disabled(user),
                        )
                    ]
                ),
            ]
        else:
            controls.append(muted("Det här är du: din egen roll och ditt eget konto ändrar en annan administratör."))
        controls.append(ft.Text("Köp", theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
        controls += [order_tile(state, o, load) for o in d["bought"]] or [muted("Inga köp.")]
        if d["sold"]:
            controls.append(ft.Text("Försäljning", theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
            controls += [order_tile(state, o, load) for o in d["sold"]]
        controls.append(ft.Text("Kurser", theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
        controls += [
            ft.ListTile(
                leading=ft.Icon(ft.Icons.SCHOOL_OUTLINED),
                title=ft.Text((e.get("course") or {}).get("title", "")),
                subtitle=ft.Text(
                    f"{e.get('lessons_done', 0)} av {e.get('lessons_total', 0)} lektioner ({e.get('percent', 0)} %) · "
                    f"inskriven {fmt.day(e.get('enrolled_at'))}" + (" · certifikat" if e.get("certificate_id") else "")
                ),
            )
            for e in d["courses"]
        ] or [muted("Inga kurser.")]
        return scroll(controls, spacing=6)

    name = ((data.value or {}).get("user") or {}).get("display_name", "Användare")
    body = ft.Column(
        [
            ft.Row(
                [
                    icon_button(
                        ft.Icons.ARROW_BACK,
                        "Tillbaka till användarna",
                        on_click=lambda: navigate("/admin/users"),
                    ),
                    ft.Text(name, theme_style=ft.TextThemeStyle.TITLE_LARGE, weight=ft.FontWeight.W_600, expand=True),
                    icon_button(ft.Icons.REFRESH, "Uppdatera användaren", on_click=load),
                ]
            ),
            ft.Container(remote_view(data, render, empty_text="Användaren finns inte.", on_retry=load), expand=True),
        ],
        expand=True,
    )
    return admin_page("/admin/users", body)


# ---------------------------------------------------------------------- moderation


async def show_post(state: AppState, post_id: str) -> None:
    """The whole reported post (admins see hidden posts too)."""
    try:
        post = await state.api.wall_post(post_id)
    except ApiError as exc:
        show_message(exc.message)
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


@ft.component
def ReportsScreen() -> ft.Control:
    state = use_app()
    status, set_status = ft.use_state("open")
    reports, _ = ft.use_state(Remote)

    async def load() -> None:
        await reports.load(lambda: state.api.admin_reports(status))

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
                    lambda: state.api.remove_report(str(r["id"])), f"{the.capitalize()} är {removed}.", load
                ),
                destructive=True,
            )
        else:
            ask(
                "Återställ?",
                f"{the.capitalize()} visas igen för alla och alla öppna anmälningar av det stängs.",
                "Återställ",
                lambda: attempt(
                    lambda: state.api.restore_report(str(r["id"])), f"{the.capitalize()} visas igen.", load
                ),
            )

    def render(items: list[Json]) -> ft.Control:
        cards = []
        for r in items:
            target = r.get("target") or {}
            author = (target.get("author") or {}).get("display_name", "okänd")
            reporter = (r.get("reporter") or {}).get("display_name", "okänd")
            flags = [
                f"{target.get('open_reports', 0)} öppna anmälningar",
                "dolt" if target.get("hidden") else "",
                "borttaget" if target.get("removed") else "",
            ]
            controls: list[ft.Control] = [
                ft.Text(
                    f"{TARGET_TYPES.get(target.get('type', ''), 'Innehåll')} av {author}", weight=ft.FontWeight.W_600
                ),
                muted(" · ".join(f for f in flags if f)),
                quoted(target.get("excerpt", "")),
                ft.Text(f"Anmält av {reporter} {fmt.when(r.get('created_at'))}: {r.get('reason', '')}"),
                muted(REPORT_STATUS.get(r.get("status", ""), "")),
            ]
            actions: list[ft.Control] = []
            if target.get("type") == "post":
                actions.append(
                    ft.TextButton(
                        "Visa hela inlägget",
                        icon=ft.Icons.ARTICLE_OUTLINED,
                        on_click=call(show_post, state, str(target["id"])),
                    )
                )
            if r.get("status") == "open":
                actions += [
                    ft.FilledButton(
                        "Återställ", icon=ft.Icons.VISIBILITY_OUTLINED, on_click=lambda _, r=r: resolve(r, False)
                    ),
                    ft.OutlinedButton(
                        "Ta bort", icon=ft.Icons.DELETE_OUTLINE, on_click=lambda _, r=r: resolve(r, True)
                    ),
                ]
            if actions:
                controls.append(ft.Row(actions, wrap=True))
            cards.append(card(controls))
        return scroll(cards)

    body = ft.Column(
        [
            choice_row([("open", "Öppna"), ("restored", "Återställda"), ("removed", "Borttagna")], status, set_status),
            ft.Container(
                remote_view(
                    reports, render, empty_text="Inga anmälningar.", empty_icon=ft.Icons.FLAG_OUTLINED, on_retry=load
                ),
                expand=True,
            ),
        ],
        expand=True,
    )
    return admin_page("/admin/reports", body, icon_button(ft.Icons.REFRESH, "Uppdatera anmälningar", on_click=load))


# ---------------------------------------------------------------------- settings


@ft.component
def SettingRow(entry: Json, reload: Callable[[], Awaitable[None]]) -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"value": str(entry.get("value", ""))})
    key = str(entry["key"])
    label = SETTING_LABELS.get(key, key)

    def save() -> None:
        text = str(form["value"]).strip()
        if not text.lstrip("-").isdigit():
            show_message(f"{label}: skriv ett heltal.")
            return
        value = int(text)
        if value == entry.get("value"):
            show_message("Värdet är redan sparat.")
            return
        ask(
            "Ändra inställningen?",
            f"{label}: från {entry.get('value')} till {value}. Det gäller direkt för alla.",
            "Spara",
            lambda: attempt(lambda: state.api.update_admin_config({key: value}), f"{label} är nu {value}.", reload),
        )

    return card(
        [
            ft.Text(label, weight=ft.FontWeight.W_600),
            muted(f"{entry.get('description', '')} ({key})"),
            ft.Row(
                [
                    ft.TextField(
                        label="Värde",
                        value=form["value"],
                        key=f"{key}-{entry.get('value')}",
                        on_change=bind(form, "value"),
                        keyboard_type=ft.KeyboardType.NUMBER,
                        width=160,
                    ),
                    ft.FilledTonalButton("Spara", icon=ft.Icons.SAVE_OUTLINED, on_click=save),
                ]
            ),
            muted(f"Senast ändrad {fmt.when(entry.get('updated_at'))}"),
        ]
    )


@ft.component
def SettingsAdminScreen() -> ft.Control:
    state = use_app()
    config, _ = ft.use_state(Remote)

    async def load() -> None:
        await config.load(state.api.admin_config)

    ft.use_effect(load, [])

    def render(data: Json) -> ft.Control:
        return scroll([SettingRow(entry, load) for entry in data.get("items", [])])

    return admin_page(
        "/admin/settings",
        remote_view(config, render, empty_text="Inga inställningar.", on_retry=load),
        icon_button(ft.Icons.REFRESH, "Uppdatera inställningar", on_click=load),
    )


# ---------------------------------------------------------------------- audit log


async def load_audit(state: AppState, actor: str | None, action: str | None, cursor: str | None) -> Json:
    """A page of the log with the names of the people in it: {"entries", "cursor", "names"}."""
    page = await state.api.audit_log(actor, action, cursor)
    ids = {str(i) for e in page["items"] for i in (e.get("actor_id"), e.get("subject_user_id")) if i}

    async def name(user_id: str) -> tuple[str, str]:
        try:
            return user_id, str((await state.api.admin_user(user_id)).get("display_name", ""))
        except ApiError:
            return user_id, "borttagen användare"

    names = dict(await asyncio.gather(*(name(i) for i in ids)))
    return {"entries": page["items"], "cursor": page.get("next_cursor"), "names": names}


def audit_tile(entry: Json, names: dict[str, str]) -> ft.Control:
    actor = names.get(str(entry.get("actor_id")), "systemet") if entry.get("actor_id") else "systemet"
    subject = names.get(str(entry.get("subject_user_id")), "") if entry.get("subject_user_id") else ""
    meta = entry.get("meta") or {}
    details = ", ".join(f"{k}: {v}" for k, v in meta.items() if v not in ("", None))
    parts = [fmt.when(entry.get("created_at")), f"av {actor}"]
    if subject and subject != actor:
        parts.append(f"gäller {subject}")
    if entry.get("ip"):
        parts.append(f"IP {entry['ip']}")
    return ft.ListTile(
        leading=ft.Icon(ft.Icons.HISTORY),
        title=ft.Text(f"{AUDIT_ACTIONS.get(entry.get('action', ''), entry.get('action', ''))}"),
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

    async def load() -> None:
        await log.load(lambda: load_audit(state, actor[0] if actor else None, action, None))

    ft.use_effect(load, [action, actor])

    async def more() -> None:
        shown: Json = log.value or {}
        if not shown.get("cursor"):
            return
        try:
            page = await load_audit(state, actor[0] if actor else None, action, shown["cursor"])
        except ApiError as exc:
            show_message(exc.message)
            return
        log.value = {
            "entries": [*shown["entries"], *page["entries"]],
            "cursor": page["cursor"],
            "names": {**shown["names"], **page["names"]},
        }

    async def find_actor() -> None:
        who = str(form["who"]).strip()
        if not who:
            set_actor(None)
            return
        try:
            found = await state.api.admin_users(who)
        except ApiError as exc:
            show_message(exc.message)
            return
        if not found["items"]:
            show_message("Ingen användare matchar.")
            return
        person = found["items"][0]
        set_actor((str(person["id"]), str(person["display_name"])))

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
