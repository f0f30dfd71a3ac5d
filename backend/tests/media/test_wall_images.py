"""Wall post images: a post may only use an image its author uploaded, and every member who can
see the post can load the image (anonymous callers sign in first; a post hidden by moderation
hides its image with it)."""

import uuid

import asyncpg
import httpx

from app.config import Settings
from tests.conftest import Account, MakeUser
from tests.media.conftest import PDF, PNG
from tests.media.test_media import upload


async def _image(client: httpx.AsyncClient, user: Account, content: bytes = PNG) -> str:
    r = await upload(client, user, content, "bild.png", purpose="other")
    assert r.status_code == 201, r.text
    media_id: str = r.json()["id"]
    return media_id


async def _avatar(client: httpx.AsyncClient, user: Account) -> str:
    r = await client.put(
        "/me/avatar", files={"file": ("a.png", PNG, "image/png")}, headers=user.headers
    )
    assert r.status_code == 200, r.text
    media_id: str = r.json()["id"]
    return media_id


async def test_a_post_cannot_use_a_file_that_is_not_the_authors_own_image(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    media_settings: Settings,
    db: asyncpg.Connection,
) -> None:
    owner = await make_user("student")
    author = await make_user("student")
    others_image = await _image(client, owner)
    own_document = await _image(client, author, PDF)
    own_avatar = await _avatar(client, author)
    for media_id in (others_image, str(uuid.uuid4()), own_document, own_avatar):
        r = await client.post(
            "/wall/posts",
            json={"body": "Titta här", "image_media_id": media_id},
            headers=author.headers,
        )
        assert r.status_code == 422, (media_id, r.text)
        assert r.json()["error"] == "invalid_image" and "image" in r.json()["detail"]
    assert await db.fetchval("SELECT count(*) FROM app.wall_posts") == 0

    # Editing is held to the same rule, and a refused edit changes nothing.
    r = await client.post("/wall/posts", json={"body": "Utan bild"}, headers=author.headers)
    post_id = r.json()["id"]
    r = await client.patch(
        f"/wall/posts/{post_id}",
        json={"body": "Med bild", "image_media_id": others_image},
        headers=author.headers,
    )
    assert r.status_code == 422 and r.json()["error"] == "invalid_image"
    row = await db.fetchrow(
        "SELECT body, image_media_id FROM app.wall_posts WHERE id = $1", uuid.UUID(post_id)
    )
    assert dict(row) == {"body": "Utan bild", "image_media_id": None}
    # The owner's file stays private to the owner.
    r = await client.get(f"/media/{others_image}", headers=author.headers)
    assert r.status_code == 404


async def test_every_member_who_sees_the_post_can_load_its_image(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    media_settings: Settings,
    db: asyncpg.Connection,
) -> None:
    author = await make_user("student")
    member = await make_user("student")
    teacher = await make_user("teacher")
    admin = await make_user("admin")
    image = await _image(client, author)
    unposted = await _image(client, author)
    r = await client.post(
        "/wall/posts", json={"body": "Min altare", "image_media_id": image}, headers=author.headers
    )
    assert r.status_code == 201, r.text
    post_id = r.json()["id"]
    assert r.json()["image_media_id"] == image

    for reader in (author, member, teacher, admin):
        r = await client.get(f"/media/{image}", headers=reader.headers)
        assert r.status_code == 200, (reader.role, r.text)
        assert r.content == PNG and r.headers["content-type"] == "image/png"
    r = await client.get(f"/media/{image}")
    assert r.status_code == 401 and r.json()["error"] == "not_authenticated"
    # A file of the author's that no post uses is still theirs alone.
    r = await client.get(f"/media/{unposted}", headers=member.headers)
    assert r.status_code == 404

    # Hidden by moderation: the image is hidden with the post (its author and admins still see
    # both).
    await db.execute(
        "UPDATE app.wall_posts SET hidden_at = now() WHERE id = $1", uuid.UUID(post_id)
    )
    assert (await client.get(f"/wall/posts/{post_id}", headers=member.headers)).status_code == 404
    assert (await client.get(f"/media/{image}", headers=member.headers)).status_code == 404
    for reader in (author, admin):
        assert (await client.get(f"/media/{image}", headers=reader.headers)).status_code == 200

    # The author takes the image off the post: members cannot load it any more.
    await db.execute("UPDATE app.wall_posts SET hidden_at = NULL WHERE id = $1", uuid.UUID(post_id))
    r = await client.patch(
        f"/wall/posts/{post_id}", json={"image_media_id": None}, headers=author.headers
    )
    assert r.status_code == 200 and r.json()["image_media_id"] is None
    assert (await client.get(f"/media/{image}", headers=member.headers)).status_code == 404


async def test_deleting_the_file_takes_the_image_off_the_post(
    client: httpx.AsyncClient, make_user: MakeUser, media_settings: Settings
) -> None:
    author = await make_user("student")
    member = await make_user("student")
    image = await _image(client, author)
    r = await client.post(
        "/wall/posts", json={"body": "Snart borta", "image_media_id": image}, headers=author.headers
    )
    post_id = r.json()["id"]
    # A member may load the image but not delete it.
    r = await client.delete(f"/media/{image}", headers=member.headers)
    assert r.status_code == 403 and r.json()["error"] == "not_owner"
    assert (await client.delete(f"/media/{image}", headers=author.headers)).status_code == 204
    r = await client.get(f"/wall/posts/{post_id}", headers=member.headers)
    assert r.status_code == 200 and r.json()["image_media_id"] is None
