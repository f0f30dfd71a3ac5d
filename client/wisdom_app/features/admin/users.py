"""Users: find them by e-mail, name, role or whether they are shut out, and one user's page
(role, shutting the account, their purchases, sales and courses)."""

from collections.abc import Callable

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.components import ask, bind, choice_row, icon_button, navigate, remote_view, scroll, use_form
from wisdom_app.context import use_app
from wisdom_app.features.admin import actions
from wisdom_app.features.admin.frame import Reload, admin_page, attempt, muted
from wisdom_app.features.admin.orders import order_tile
from wisdom_app.state import AppState, Remote

ROLE_FILTERS = [(None, "Alla roller"), ("student", "Elever"), ("teacher", "Lärare"), ("admin", "Administratörer")]
ACCOUNT_FILTERS = [(None, "Alla konton"), (False, "Aktiva"), (True, "Avstängda")]
ROLE_CHOICES = [("student", "Elev"), ("teacher", "Lärare"), ("admin", "Administratör")]


def user_tile(u: Json) -> ft.Control:
    return ft.ListTile(
        leading=ft.CircleAvatar(ft.Text((u.get("display_name") or "?")[:1].upper())),
        title=ft.Text(u.get("display_name", "")),
        subtitle=ft.Text(
            f"{u.get('email', '')} · {fmt.ROLES.get(u.get('role', ''), '')}"
            + (" · Avstängd" if u.get("disabled") else "")
        ),
        on_click=lambda: navigate(f"/admin/users/{u['id']}"),
    )


@ft.component
def UsersScreen() -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"q": ""})
    query, set_query = ft.use_state("")
    role, set_role = ft.use_state(None)
    disabled, set_disabled = ft.use_state(None)
    users, _ = ft.use_state(Remote)

    async def load() -> None:
        await actions.load_users(state, users, query or None, role, disabled)

    ft.use_effect(load, [query, role, disabled])

    def search() -> None:
        set_query(str(form["q"]).strip())

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView([user_tile(u) for u in items], expand=True)

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
            choice_row(ROLE_FILTERS, role, set_role),
            choice_row(ACCOUNT_FILTERS, disabled, set_disabled),
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


def enrollment_tile(e: Json) -> ft.Control:
    return ft.ListTile(
        leading=ft.Icon(ft.Icons.SCHOOL_OUTLINED),
        title=ft.Text((e.get("course") or {}).get("title", "")),
        subtitle=ft.Text(
            f"{fmt.lessons_done(e.get('lessons_done'), e.get('lessons_total'))} "
            f"({fmt.percent(e.get('lessons_done'), e.get('lessons_total'))} %) · "
            f"inskriven {fmt.day(e.get('enrolled_at'))}" + (" · kursintyg" if e.get("certificate_id") else "")
        ),
    )


def account_controls(
    user: Json, change_role: Callable[[Json, str], None], toggle_disabled: Callable[[Json], None]
) -> list[ft.Control]:
    """The user's role and whether the account is shut: what another admin may change."""
    return [
        ft.Text("Roll", weight=ft.FontWeight.W_500),
        choice_row(
            ROLE_CHOICES,
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


def history_controls(state: AppState, d: Json, reload: Reload) -> list[ft.Control]:
    """What the user bought, sold (teachers) and studies."""
    controls: list[ft.Control] = [ft.Text("Köp", theme_style=ft.TextThemeStyle.TITLE_MEDIUM)]
    controls += [order_tile(state, o, reload) for o in d["bought"]] or [muted("Inga köp.")]
    if d["sold"]:
        controls.append(ft.Text("Försäljning", theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
        controls += [order_tile(state, o, reload) for o in d["sold"]]
    controls.append(ft.Text("Kurser", theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
    controls += [enrollment_tile(e) for e in d["courses"]] or [muted("Inga kurser.")]
    return controls


@ft.component
def UserScreen() -> ft.Control:
    state = use_app()
    user_id = ft.use_route_params()["user_id"]
    data, _ = ft.use_state(Remote)

    async def load() -> None:
        await actions.load_user(state, data, user_id)

    ft.use_effect(load, [user_id])

    def change_role(user: Json, role: str) -> None:
        ask(
            "Byt roll?",
            f"{user['display_name']} blir {fmt.ROLES.get(role, role).lower()} (nu {fmt.ROLES.get(user['role'], '').lower()}).",
            "Byt roll",
            lambda: attempt(
                lambda: actions.set_role(state, user_id, role),
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
                lambda: actions.set_disabled(state, user_id, disabling),
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
        if me:
            controls.append(muted("Det här är du: din egen roll och ditt eget konto ändrar en annan administratör."))
        else:
            controls += account_controls(user, change_role, toggle_disabled)
        controls += history_controls(state, d, load)
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
