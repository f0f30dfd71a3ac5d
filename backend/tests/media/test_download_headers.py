"""Downloads carry the type decided from the file's bytes, and `nosniff` so that a browser never
guesses another: a PNG that is also an HTML page must stay an image."""

import httpx

from app.config import Settings
from tests.conftest import MakeUser
from tests.media.conftest import PNG

POLYGLOT = PNG + b"<html><body><script>alert(document.domain)</script></body></html>"


async def test_a_png_html_polyglot_is_served_as_an_image_with_nosniff(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    student = await make_user("student")
    r = await client.post(
        "/media",
        files={"file": ("sida.html", POLYGLOT, "text/html")},
        data={"purpose": "other"},
        headers=student.headers,
    )
    assert r.status_code == 201, r.text
    assert r.json()["content_type"] == "image/png"
    for headers in ({}, {"Range": "bytes=0-99"}):
        got = await client.get(r.json()["url"], headers={**student.headers, **headers})
        assert got.status_code in (200, 206)
        assert got.headers["content-type"] == "image/png"
        assert got.headers["x-content-type-options"] == "nosniff"
    whole = await client.get(r.json()["url"], headers=student.headers)
    assert whole.content == POLYGLOT
