"""HOME: Mina kurser, Gemensam vägg and Tjänster, side by side on desktop, one at a time on a
phone (chosen with the buttons above the list)."""

from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app.api import Json
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.state import BOOKABLE_KINDS, AppState, Remote
from wisdom_app.widgets import (
    bind,
    call,
    icon_button,
    navigate,
    remote_view,
    section_title,
    show_message,
    use_form,
)

# Icons, not emoji: the web app bundles no emoji font (nothing loads from a CDN).
REACTIONS = [
    ("like", ft.Icons.THUMB_UP_OUTLINED, ft.Icons.THUMB_UP, "Gilla"),
    ("love", ft.Icons.FAVORITE_BORDER, ft.Icons.FAVORITE, "Älska"),
    ("grateful", ft.Icons.VOLUNTEER_ACTIVISM_OUTLINED, ft.Icons.VOLUNTEER_ACTIVISM, "Tacksam"),
    ("insightful", ft.Icons.LIGHTBULB_OUTLINE, ft.Icons.LIGHTBULB, "Insiktsfullt"),
]
KIND_TEXT = {
    "course_published": "publicerade kursen",
    "service_published": "erbjuder nu",
    "seminar_created": "bjuder in till seminariet",
    "teacher_approved": "är ny lärare på Wisdom",
    "review_posted": "skrev ett omdöme om",
}
# The phone's chooser between the three lists (short enough for three in a row).
SECTIONS = ["Kurser", "Väggen", "Tjänster"]


@ft.component
def HomeScreen() -> ft.Control:
    state = use_app()
    section, set_section = ft.use_state(0)

    async def load() -> None:
        await state.load_home()

    ft.use_effect(load, [])

    lists = [
        CoursesList(state.my_courses),
        WallList(state.feed),
        ServicesList(state.services),
    ]
    if state.wide:
        return ft.Row(
            [ft.Container(lst, expand=True) for lst in lists],
            spacing=16,
            expand=True,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
    chooser = ft.Row(
        [
            (ft.FilledButton if i == section else ft.OutlinedButton)(label, on_click=call(set_section, i), expand=True)
            for i, label in enumerate(SECTIONS)
        ],
        spacing=6,
    )
    return ft.Column([chooser, ft.Container(lists[section], expand=True)], expand=True)


def _list(title: str, body: ft.Control, trailing: ft.Control | None = None) -> ft.Control:
    return ft.Column([section_title(title, trailing), ft.Container(body, expand=True)], expand=True)


# ---------------------------------------------------------------------- Mina kurser


@ft.component
def CoursesList(courses: Remote) -> ft.Control:
    state = use_app()

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView([course_card(c) for c in items], spacing=8, expand=True)

    return _list(
        "Mina kurser",
        remote_view(
            courses,
            render,
            empty_text=(
                "Du har inga kurser än. Skapa din första kurs i Studio."
                if state.is_teacher
                else "Du har inga kurser än. Börja med en gratis introduktionskurs!"
            ),
            empty_icon=ft.Icons.SCHOOL_OUTLINED,
            on_retry=state.load_my_courses,
        ),
        icon_button(ft.Icons.REFRESH, "Uppdatera kurser", on_click=state.load_my_courses),
    )


def teaching_card(course: Json) -> ft.Control:
    """A course the teacher gives: its state, opening the course editor."""
    facts = [
        fmt.STATUS_LABELS.get(course.get("status", ""), ""),
        fmt.count(course.get("lesson_count"), "lektion", "lektioner"),
        "Gratis" if course.get("free") or course.get("is_intro") else fmt.money(course.get("price_cents")),
    ]
    return ft.Card(
        ft.Container(
            ft.Column(
                [
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.CAST_FOR_EDUCATION_OUTLINED, size=18, color=ft.Colors.PRIMARY),
                            ft.Text(course.get("title", ""), weight=ft.FontWeight.W_600, expand=True),
                        ]
                    ),
                    ft.Text("Du undervisar · " + " · ".join(f for f in facts if f), size=12),
                ],
                spacing=6,
            ),
            padding=12,
            on_click=lambda: navigate(f"/studio/courses/{course.get('id')}"),
        )
    )


def course_card(entry: Json) -> ft.Control:
    """One of /me/courses: {"course": {...}, "lessons_done", "lessons_total", "percent", ...},
    or a course the teacher gives ({"teaching": True, "course": {...}})."""
    if entry.get("teaching"):
        return teaching_card(entry.get("course") or {})
    course = entry.get("course") or {}
    done, total = int(entry.get("lessons_done", 0)), int(entry.get("lessons_total", 0))
    pct = int(entry.get("percent", fmt.percent(done, total)))
    status = f"{done} av {total} lektioner klara ({pct} %)"
    if entry.get("certificate_id"):
        status += " · Certifikat klart"
    return ft.Card(
        ft.Container(
            ft.Column(
                [
                    ft.Text(course.get("title", ""), weight=ft.FontWeight.W_600),
                    ft.Text(
                        (course.get("teacher") or {}).get("display_name", ""),
                        size=12,
                        color=ft.Colors.ON_SURFACE_VARIANT,
                    ),
                    ft.ProgressBar(value=pct / 100),
                    ft.Text(status, size=12),
                ],
                spacing=6,
            ),
            padding=12,
            on_click=lambda: navigate(f"/courses/{course.get('id')}"),
        )
    )


# ---------------------------------------------------------------------- Gemensam vägg


@ft.component
def WallList(feed: Remote) -> ft.Control:
    state = use_app()
    form = use_form(lambda: {"text": ""})
    busy, set_busy = ft.use_state(False)
    # Bumped after posting: a new key gives an empty composer.
    composer_key, set_composer_key = ft.use_state(0)

    async def post() -> None:
        if not form["text"].strip():
            return
        set_busy(True)
        try:
            await state.post_to_wall(form["text"])
        except ApiError as exc:
            show_message(exc.message)
        else:
            form["text"] = ""
            set_composer_key(composer_key + 1)
        finally:
            set_busy(False)

    composer = ft.Row(
        [
            ft.TextField(
                label="Skriv något till alla",
                key=f"composer-{composer_key}",
                # What was typed stays when posting fails (the server away): a re-render
                # without a value would empty the field.
                value=form["text"],
                multiline=True,
                min_lines=1,
                max_lines=4,
                max_length=2000,
                on_change=bind(form, "text"),
                expand=True,
            ),
            icon_button(ft.Icons.SEND, "Publicera", on_click=post, disabled=busy),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )

    def render(items: list[Json]) -> ft.Control:
        rows: list[ft.Control] = [feed_item(state, item) for item in items]
        if feed.next_cursor:
            rows.append(ft.TextButton("Visa fler", on_click=state.load_more_feed))
        return ft.ListView(rows, spacing=8, expand=True)

    live = ft.Icon(
        ft.Icons.CIRCLE,
        size=10,
        color=ft.Colors.GREEN if state.feed_live else ft.Colors.OUTLINE,
        tooltip="Uppdateras live" if state.feed_live else "Inte live just nu",
    )
    return _list(
        "Gemensam vägg",
        ft.Column(
            [
                composer,
                ft.Container(
                    remote_view(
                        feed,
                        render,
                        empty_text="Väggen är tom. Skriv det första inlägget!",
                        empty_icon=ft.Icons.FORUM_OUTLINED,
                        on_retry=state.load_feed,
                    ),
                    expand=True,
                ),
            ],
            expand=True,
        ),
        live,
    )


def feed_item(state: AppState, item: Json) -> ft.Control:
    actor = item.get("actor") or {}
    name = actor.get("display_name") or "Wisdom"
    kind = item.get("kind", "")
    if kind == "wall_post":
        headline = ft.Text(name, weight=ft.FontWeight.W_600)
        body: ft.Control = ft.Text((item.get("post") or {}).get("body") or item.get("summary", ""))
    else:
        headline = ft.Text(
            f"{name} {KIND_TEXT.get(kind, '')} {item.get('subject_title', '')}".strip(),
            weight=ft.FontWeight.W_600,
        )
        body = ft.Text(item.get("summary", ""), visible=bool(item.get("summary")))
    controls: list[ft.Control] = [
        ft.Row(
            [
                ft.CircleAvatar(ft.Text(name[:1].upper()), radius=14),
                ft.Container(headline, expand=True),
            ]
        ),
        body,
        ft.Text(
            fmt.when(item.get("created_at")),
            size=11,
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
    ]
    if kind == "wall_post":
        controls.append(_reactions(state, item))
    return ft.Card(ft.Container(ft.Column(controls, spacing=6), padding=12))


def _reactions(state: AppState, item: Json) -> ft.Control:
    post = item.get("post") or {}
    counts: dict[str, Any] = post.get("reactions") or {}
    mine = set(post.get("my_reactions") or [])

    async def toggle(reaction: str) -> None:
        try:
            await state.toggle_reaction(item, reaction)
        except ApiError as exc:
            show_message(exc.message)

    buttons: list[ft.Control] = []
    for key, icon, chosen_icon, label in REACTIONS:
        count = int(counts.get(key, 0) or 0)
        chosen = key in mine
        # The icon's label names the button (with the count after it) for screen readers.
        buttons.append(
            ft.TextButton(
                content=ft.Row(
                    [
                        ft.Icon(
                            chosen_icon if chosen else icon,
                            size=18,
                            semantics_label=f"{label}, din reaktion" if chosen else label,
                        ),
                        ft.Text(str(count), visible=count > 0),
                    ],
                    tight=True,
                    spacing=4,
                ),
                on_click=call(toggle, key),
                style=ft.ButtonStyle(
                    bgcolor=ft.Colors.SECONDARY_CONTAINER if chosen else None,
                    padding=ft.Padding.symmetric(horizontal=8),
                ),
            )
        )
    return ft.Row(buttons, spacing=4)


# ---------------------------------------------------------------------- Tjänster


@ft.component
def ServicesList(services: Remote) -> ft.Control:
    state = use_app()

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView([ServiceCard(service) for service in items], spacing=8, expand=True)

    return _list(
        "Tjänster",
        remote_view(
            services,
            render,
            empty_text="Inga tjänster är aktiva just nu.",
            empty_icon=ft.Icons.STOREFRONT_OUTLINED,
            on_retry=state.load_services,
        ),
        icon_button(ft.Icons.REFRESH, "Uppdatera tjänster", on_click=state.load_services),
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
            await state.buy_service(service)
        except ApiError as exc:
            show_message(exc.message)
        finally:
            set_busy(False)

    facts = " · ".join(
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
    controls: list[ft.Control] = [
        ft.Text(service.get("title", ""), weight=ft.FontWeight.W_600),
        ft.Text(service.get("teacher_name", ""), size=12, color=ft.Colors.ON_SURFACE_VARIANT),
        ft.Text(facts, size=12),
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
        controls.append(order_status(state, order))
        if service.get("kind") == "package" and order.get("status") in ("paid", "fulfilled"):
            controls.append(
                ft.TextButton(
                    "Dina klipp: Mina bokningar", icon=ft.Icons.EVENT_AVAILABLE, on_click=lambda: navigate("/bookings")
                )
            )
    return ft.Card(ft.Container(ft.Column(controls, spacing=6), padding=12))


def order_status(state: AppState, order: Json) -> ft.Control:
    status = order.get("status", "")
    label = f"Order {order.get('order_number', '')}: {fmt.ORDER_STATUS.get(status, status)}"
    if status == "pending":
        return ft.Row(
            [
                ft.ProgressRing(width=14, height=14, stroke_width=2),
                ft.Text(label, size=12, expand=True),
                ft.TextButton("Kolla nu", on_click=call(state.refresh_order, str(order["id"]))),
            ]
        )
    paid = status in ("paid", "fulfilled")
    return ft.Row(
        [
            ft.Icon(
                ft.Icons.CHECK_CIRCLE if paid else ft.Icons.INFO_OUTLINE,
                size=16,
                color=ft.Colors.GREEN if paid else ft.Colors.ON_SURFACE_VARIANT,
            ),
            ft.Text(label, size=12),
        ]
    )
