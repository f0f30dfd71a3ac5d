"""A lesson's text as a student reads it, and as the editor's preview shows it (the same
component): Markdown, with the pictures, sound and video it embeds (read with the session's
token; sound and video in players), and magic
links (`wisdom:course/<id>`, `wisdom:service/<id>`, `wisdom:seminar/<id>`) that open the item
in the app, or plain text when the item can no longer be opened."""

import re

import flet as ft

from wisdom_app import theme
from wisdom_app.api import Json
from wisdom_app.components import navigate
from wisdom_app.context import use_app
from wisdom_app.features.lesson import actions
from wisdom_app.features.lesson.media_view import MediaPlayer

UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
# Embedded media on a line of its own: ![what it is](…/media/<id>), with the file's type as the
# Markdown title for sound and video: ![Meditation](…/media/<id> "audio/mpeg").
MEDIA_LINE = re.compile(rf'^\s*!\[([^\]]*)\]\([^)\s]*/media/({UUID})(?:\s+"([a-z]+/[\w.+-]+)")?\s*\)\s*$')
MAGIC_LINK = re.compile(rf"\[([^\]]*)\]\(wisdom:(course|service|seminar)/({UUID})\)")
# Any image or link in the Markdown: ![alt](target) or [words](target).
ANY_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*([^)\s]*)([^)]*)\)")
LINK_SCHEMES = ("http://", "https://", "mailto:", "wisdom:")
OWN_MEDIA = re.compile(rf"/media/{UUID}$")


def sanitised(text: str) -> str:
    """The text with what a lesson may not show turned into its plain words: pictures from
    anywhere but the platform's own media (no fetches from other hosts), and links of any
    scheme but http(s), mailto and the app's own magic links (no javascript: and the like)."""

    def keep_or_words(found: re.Match[str]) -> str:
        bang, words, target, _rest = found.groups()
        if bang:
            return found.group(0) if OWN_MEDIA.search(target) else words
        return found.group(0) if target.lower().startswith(LINK_SCHEMES) else words

    return ANY_LINK.sub(keep_or_words, text)


def magic_route(target: str) -> str | None:
    """Where a magic link opens in the app: the course page, the service's booking, the list of
    seminars (a seminar has no page of its own)."""
    found = re.fullmatch(rf"wisdom:(course|service|seminar)/({UUID})", target)
    if found is None:
        return None
    kind, item = found.groups()
    return {"course": f"/courses/{item}", "service": f"/services/{item}/book", "seminar": "/seminars"}[kind]


def with_open_links(text: str, links: list[Json]) -> str:
    """The text with each magic link kept only when its item can be opened now (the API's
    `links`); the others become their plain words."""
    open_ones = {(str(link.get("kind")), str(link.get("id"))) for link in links if link.get("available")}

    def keep_or_plain(found: re.Match[str]) -> str:
        words, kind, item = found.groups()
        return found.group(0) if (kind, item.lower()) in open_ones else words

    return MAGIC_LINK.sub(keep_or_plain, text)


def blocks(text: str) -> list[tuple[str, str, str]]:
    """The text cut into ("markdown", text, "") blocks and embedded media: ("picture", media id,
    alt text), ("audio/mpeg", media id, title), ("video/mp4", media id, title) and so on."""
    found: list[tuple[str, str, str]] = []
    lines: list[str] = []
    for line in text.split("\n"):
        media = MEDIA_LINE.match(line)
        if media is None:
            lines.append(line)
            continue
        if "".join(lines).strip():
            found.append(("markdown", "\n".join(lines), ""))
        lines = []
        alt, media_id, content_type = media.groups()
        playable = content_type and content_type.startswith(("audio/", "video/"))
        found.append((content_type if playable else "picture", media_id, alt))
    if "".join(lines).strip():
        found.append(("markdown", "\n".join(lines), ""))
    return found


def LessonBody(text: str, links: list[Json], empty: str = "*Lektionen har ingen text.*") -> ft.Control:
    def tapped(e: ft.Event[ft.Markdown]) -> None:
        route = magic_route(str(e.data or ""))
        if route is not None:
            navigate(route)

    parts: list[ft.Control] = []
    for kind, value, alt in blocks(with_open_links(sanitised(text), links)):
        if kind == "picture":
            parts.append(EmbeddedPicture(value, alt))
        elif kind != "markdown":
            parts.append(
                ft.Column([ft.Text(alt, weight=ft.FontWeight.W_600), MediaPlayer({"id": value, "content_type": kind})])
            )
        else:
            parts.append(
                ft.Markdown(
                    value,
                    selectable=True,
                    extension_set=ft.MarkdownExtensionSet.GITHUB_WEB,
                    on_tap_link=tapped,
                )
            )
    if not parts:
        parts.append(ft.Markdown(empty))
    return ft.Column(parts, spacing=theme.SPACE_S)


@ft.component
def EmbeddedPicture(media_id: str, alt: str) -> ft.Control:
    """A picture of the lesson, read with the session's token (lesson files are not public)."""
    state = use_app()
    content, set_content = ft.use_state(None)
    failed, set_failed = ft.use_state(False)

    async def load() -> None:
        picture = await actions.embedded_picture(state, media_id)
        if picture is None:
            set_failed(True)
        else:
            set_content(picture)

    ft.use_effect(load, [media_id])
    if failed:
        return ft.Text(f"[Bilden kunde inte visas: {alt}]", color=theme.MUTED, italic=True)
    if content is None:
        return ft.Container(ft.ProgressRing(width=20, height=20), height=60, alignment=ft.Alignment.CENTER)
    return ft.Image(src=content, semantics_label=alt or "Bild", fit=ft.BoxFit.CONTAIN, border_radius=theme.RADIUS_S)
