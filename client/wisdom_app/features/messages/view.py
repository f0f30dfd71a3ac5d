"""Meddelanden: the conversations, and one conversation (a chat)."""

import flet as ft

from wisdom_app import formatting as fmt
from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import (
    bind,
    count_pill,
    icon_button,
    navigate,
    remote_view,
    screen,
    section_title,
    use_form,
)
from wisdom_app.context import use_app
from wisdom_app.features.messages import actions
from wisdom_app.state import Remote


@ft.component
def ConversationsScreen() -> ft.Control:
    state = use_app()
    conversations, _ = ft.use_state(Remote)

    async def load() -> None:
        await actions.load_conversations(state, conversations)

    # New messages arrive on the event stream: read the list again when one does.
    ft.use_effect(load, [state.unread_messages > 0])

    def render(items: list[Json]) -> ft.Control:
        return ft.ListView(
            [
                ft.ListTile(
                    leading=ft.CircleAvatar(ft.Text((c["peer"].get("display_name") or "?")[:1])),
                    title=ft.Text(c["peer"].get("display_name", "")),
                    subtitle=ft.Text(
                        ((c.get("last_message") or {}).get("body") or "Inga meddelanden än"),
                        max_lines=1,
                        overflow=ft.TextOverflow.ELLIPSIS,
                    ),
                    trailing=count_pill(c["unread_count"], fmt.count(c["unread_count"], "oläst", "olästa"))
                    if c.get("unread_count")
                    else None,
                    on_click=lambda _, c=c: navigate(f"/messages/{c['id']}"),
                )
                for c in items
            ],
            expand=True,
        )

    return ft.Column(
        [
            section_title(
                "Meddelanden",
                icon_button(ft.Icons.REFRESH, "Uppdatera meddelanden", on_click=load),
            ),
            ft.Container(
                remote_view(
                    conversations,
                    render,
                    empty_text="Inga samtal än. Du kan skriva till en lärare efter ett köp.",
                    empty_icon=ft.Icons.CHAT_BUBBLE_OUTLINE,
                    empty_action=ft.TextButton(
                        "Hitta en lärare", icon=ft.Icons.PERSON_SEARCH, on_click=lambda: navigate("/teachers")
                    ),
                    on_retry=load,
                ),
                expand=True,
            ),
        ],
        expand=True,
    )


@ft.component
def ChatScreen() -> ft.Control:
    state = use_app()
    conversation_id = ft.use_route_params()["conversation_id"]
    messages, _ = ft.use_state(Remote)
    conversation, _ = ft.use_state(Remote)
    form = use_form(lambda: {"text": ""})
    field_key, set_field_key = ft.use_state(0)
    me = str((state.profile or {}).get("id"))

    async def load() -> None:
        await actions.load_messages(state, messages, conversation_id)

    ft.use_effect(load, [conversation_id, state.unread_messages])

    async def load_peer() -> None:
        await actions.load_conversation(state, conversation, conversation_id)

    ft.use_effect(load_peer, [conversation_id])
    peer = (conversation.value or {}).get("peer") or {}

    async def send() -> None:
        text = form["text"].strip()
        if not text:
            return
        if not await actions.send_message(state, conversation_id, text):
            return
        form["text"] = ""
        set_field_key(field_key + 1)
        await load()

    def render(items: list[Json]) -> ft.Control:
        bubbles = []
        for m in reversed(items):  # the API answers newest first
            mine = str(m.get("sender_id")) == me
            bubbles.append(
                ft.Row(
                    [
                        ft.Container(
                            # A selection area, not selectable text: the text stays in the
                            # semantics tree, so a screen reader reads the message.
                            ft.SelectionArea(
                                ft.Column(
                                    [
                                        ft.Text(m.get("body", "")),
                                        ft.Text(fmt.when(m.get("created_at")), size=10),
                                    ],
                                    tight=True,
                                )
                            ),
                            bgcolor=ft.Colors.PRIMARY_CONTAINER if mine else ft.Colors.SURFACE_CONTAINER_HIGHEST,
                            padding=10,
                            border_radius=theme.RADIUS_M,
                            width=320,
                        )
                    ],
                    alignment=ft.MainAxisAlignment.END if mine else ft.MainAxisAlignment.START,
                )
            )
        return ft.ListView(bubbles, spacing=6, expand=True, auto_scroll=True)

    body = ft.Column(
        [
            ft.Container(
                remote_view(
                    messages,
                    render,
                    empty_text="Skriv det första meddelandet.",
                    on_retry=load,
                ),
                expand=True,
            ),
            ft.Row(
                [
                    ft.TextField(
                        label="Meddelande",
                        key=f"message-{field_key}",
                        on_change=bind(form, "text"),
                        on_submit=send,
                        expand=True,
                    ),
                    icon_button(ft.Icons.SEND, "Skicka", on_click=send),
                ]
            ),
        ],
        expand=True,
    )
    return screen(peer.get("display_name") or "Samtal", body, back="/messages", actions=peer_actions(peer))


def peer_actions(peer: Json) -> list[ft.Control]:
    """Beside a teacher's name: a way to their page (their courses, services, seminars)."""
    if peer.get("role") != "teacher" or not peer.get("id"):
        return []
    return [
        icon_button(ft.Icons.PERSON_OUTLINE, "Visa lärarsidan", on_click=lambda: navigate(f"/teachers/{peer['id']}"))
    ]
