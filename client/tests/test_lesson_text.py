"""A lesson's text: the editor's toolbar writes Markdown around the selection or at the caret;
the lesson page cuts the text into Markdown, pictures, sound and video, keeps magic links whose item can be
opened and turns the others into plain words; the preview frame is 1280x720 scaled."""

from wisdom_app.features.editor.lesson import embedded_media
from wisdom_app.features.editor.preview import CANVAS_HEIGHT, CANVAS_WIDTH, canvas_scale
from wisdom_app.features.editor.toolbar import insert, magic_link, wrap
from wisdom_app.features.lesson.body_view import blocks, magic_route, sanitised, with_open_links

COURSE = "0b6f1c2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e"
SERVICE = "1c7a2d3e-4f5a-4b6c-9d0e-1f2a3b4c5d6e"
PICTURE = "2d8b3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"


def test_the_toolbar_wraps_the_selection_or_writes_at_the_caret() -> None:
    text = "Andas lugnt"
    assert wrap(text, 0, 5, "bold").text == "**Andas** lugnt"
    assert wrap(text, 5, 0, "italic").text == "*Andas* lugnt"  # selected backwards
    empty = wrap(text, 11, 11, "heading")
    assert empty.text == "Andas lugnt\n## Rubrik\n" and empty.caret == len(empty.text)
    assert wrap("", 0, 0, "link").text == "[länktext](https://)"
    assert wrap(text, 99, 99, "divider").text == "Andas lugnt\n\n---\n\n"  # clamped to the end
    added = insert("Före efter", 4, "![bild](/media/x)")
    assert added.text == "Före\n\n![bild](/media/x)\n\n efter"
    target = {"kind": "course", "id": COURSE, "title": "Yinyoga"}
    assert magic_link(target) == f"[Yinyoga](wisdom:course/{COURSE})"


def test_magic_links_open_in_the_app_only_while_their_item_is_available() -> None:
    text = f"Se [Yinyoga](wisdom:course/{COURSE}) och [samtalet](wisdom:service/{SERVICE})."
    links = [
        {"kind": "course", "id": COURSE, "title": "Yinyoga", "available": True},
        {"kind": "service", "id": SERVICE, "title": "Samtal", "available": False},
    ]
    assert with_open_links(text, links) == f"Se [Yinyoga](wisdom:course/{COURSE}) och samtalet."
    assert with_open_links(text, []) == "Se Yinyoga och samtalet."  # deleted: left out
    assert magic_route(f"wisdom:course/{COURSE}") == f"/courses/{COURSE}"
    assert magic_route(f"wisdom:service/{SERVICE}") == f"/services/{SERVICE}/book"
    assert magic_route("https://example.se") is None


def test_pictures_on_their_own_line_are_blocks_of_their_own() -> None:
    text = f"# Rubrik\n\nText.\n\n![Solnedgång](http://127.0.0.1:8000/media/{PICTURE})\n\nMer text."
    assert blocks(text) == [
        ("markdown", "# Rubrik\n\nText.\n", ""),
        ("picture", PICTURE, "Solnedgång"),
        ("markdown", "\nMer text.", ""),
    ]
    assert blocks("") == []
    sound = f'![Kvällsmeditation](/media/{PICTURE} "audio/mpeg")'
    assert blocks(sound) == [("audio/mpeg", PICTURE, "Kvällsmeditation")]
    # A picture inside a sentence stays in the Markdown.
    inline = f"Se ![bild](/media/{PICTURE}) här."
    assert blocks(inline) == [("markdown", inline, "")]


def test_the_preview_frame_is_1280_by_720_scaled() -> None:
    assert (CANVAS_WIDTH, CANVAS_HEIGHT) == (1280, 720)
    assert canvas_scale(640) == 0.5 and canvas_scale(1280) == 1


def test_an_uploaded_file_is_written_as_a_picture_or_with_its_type() -> None:
    class Api:
        @staticmethod
        def media_link(media_id: str) -> str:
            return f"http://api/media/{media_id}"

    class State:
        api = Api()

    picture = embedded_media(State(), "sol.png", {"id": PICTURE, "content_type": "image/png"})
    assert picture == f"![sol.png](http://api/media/{PICTURE})"
    sound = embedded_media(State(), "lugn.mp3", {"id": PICTURE, "content_type": "audio/mpeg"})
    assert sound == f'![lugn.mp3](http://api/media/{PICTURE} "audio/mpeg")'
    assert blocks(sound) == [("audio/mpeg", PICTURE, "lugn.mp3")]


def test_what_a_lesson_may_not_show_becomes_plain_words() -> None:
    own = f"![Sol](http://127.0.0.1:8000/media/{PICTURE})"
    sound = f'![Ljud](/media/{PICTURE} "audio/mpeg")'
    assert sanitised(own) == own and sanitised(sound) == sound
    assert sanitised("![spårare](https://annan.example/bild.png)") == "spårare"
    assert "javascript" not in sanitised("[klicka](javascript:alert(1))")
    assert sanitised("[hem](https://soulwisdom.se) [mejla](mailto:hej@soulwisdom.se)") == (
        "[hem](https://soulwisdom.se) [mejla](mailto:hej@soulwisdom.se)"
    )
    assert sanitised(f"[Kurs](wisdom:course/{COURSE})") == f"[Kurs](wisdom:course/{COURSE})"
    assert sanitised("[fil](file:///etc/passwd)") == "fil"
