"""Gemensam vägg on HOME: writing a post, the feed (live), and reactions on wall posts."""

from typing import Any

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import bind, call, icon_button, remote_view, show_message, use_form
from wisdom_app.context import use_app
from wisdom_app.errors import ApiError
from wisdom_app.features.home.parts import home_list
from wisdom_app.features.wall import actions as wall
from wisdom_app.state import AppState, Remote

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


@ft.component
def WallList(feed: Remote) -> ft.Control:
    state = use_app()

    def render(items: list[Json]) -> ft.Control:
        rows: list[ft.Control] = [feed_item(state, item) for item in items]
        if feed.next_cursor:
            rows.append(ft.TextButton("Visa fler", on_click=call(wall.load_more_feed, state)))
        return ft.ListView(rows, spacing=theme.SPACE_S, expand=True)

    return home_list(
        "Gemensam vägg",
        ft.Column(
            [
                Composer(),
                ft.Container(
                    remote_view(
                        feed,
                        render,
                        empty_text="Väggen är tom. Skriv det första inlägget!",
                        empty_icon=ft.Icons.FORUM_OUTLINED,
                        on_retry=call(wall.load_feed, state),
                    ),
                    expand=True,
                ),
            ],
            expand=True,
        ),
        live_dot(state.feed_live),
    )


@ft.component
def Composer() -> ft.Control:
    """The field for a new wall post and its send button."""
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
            await wall.post_to_wall(state, form["text"])
        except ApiError as exc:
            show_message(exc.message)
        else:
            form["text"] = ""
            set_composer_key(composer_key + 1)
        finally:
            set_busy(False)

    return ft.Row(
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


def live_dot(live: bool) -> ft.Control:
    """Green while the live stream is connected."""
    return ft.Icon(
        ft.Icons.CIRCLE,
        size=10,
        color=ft.Colors.GREEN if live else ft.Colors.OUTLINE,
        tooltip="Uppdateras live" if live else "Inte live just nu",
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
        ft.Text(fmt.when(item.get("created_at")), size=11, color=theme.MUTED),
    ]
    if kind == "wall_post":
        controls.append(reactions_row(state, item))
    return ft.Card(ft.Container(ft.Column(controls, spacing=6), padding=theme.SPACE_M))


def reactions_row(state: AppState, item: Json) -> ft.Control:
    post = item.get("post") or {}
    counts: dict[str, Any] = post.get("reactions") or {}
    mine = set(post.get("my_reactions") or [])

    async def toggle(reaction: str) -> None:
        try:
            await wall.toggle_reaction(state, item, reaction)
        except ApiError as exc:
            show_message(exc.message)

    return ft.Row(
        [
            reaction_button(icon, chosen_icon, label, int(counts.get(key, 0) or 0), key in mine, call(toggle, key))
            for key, icon, chosen_icon, label in REACTIONS
        ],
        spacing=theme.SPACE_XS,
    )


def reaction_button(
    icon: ft.IconData, chosen_icon: ft.IconData, label: str, count: int, chosen: bool, on_click: Any
) -> ft.Control:
    # The icon's label names the button (with the count after it) for screen readers.
    return ft.TextButton(
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
            spacing=theme.SPACE_XS,
        ),
        on_click=on_click,
        style=ft.ButtonStyle(
            bgcolor=ft.Colors.SECONDARY_CONTAINER if chosen else None,
            padding=ft.Padding.symmetric(horizontal=theme.SPACE_S),
        ),
    )
