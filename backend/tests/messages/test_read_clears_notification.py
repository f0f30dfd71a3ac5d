"""Reading a conversation also reads its "new message" notification (the app's bell count)."""

import httpx

from tests.conftest import MakeUser


async def test_reading_a_conversation_reads_its_notification(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher", display_name="Johan Ek")
    other = await make_user("teacher", display_name="Astrid Lind")
    student = await make_user("student")
    conversations = []
    for sender in (teacher, other):
        r = await client.post(
            "/conversations", json={"user_id": str(student.id)}, headers=sender.headers
        )
        conversation_id = r.json()["id"]
        conversations.append(conversation_id)
        r = await client.post(
            f"/conversations/{conversation_id}/messages",
            json={"body": "Hej!"},
            headers=sender.headers,
        )
        assert r.status_code == 201, r.text
    assert (await client.get("/notifications", headers=student.headers)).json()["unread_count"] == 2

    r = await client.post(f"/conversations/{conversations[0]}/read", headers=student.headers)
    assert r.status_code == 200

    page = (await client.get("/notifications", headers=student.headers)).json()
    assert page["unread_count"] == 1  # the other conversation's stays unread
    read = {n["data"]["conversation_id"]: n["read_at"] for n in page["items"]}
    assert read[conversations[0]] is not None
    assert read[conversations[1]] is None
