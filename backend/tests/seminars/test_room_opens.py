"""GET /seminars/{id} says when the room opens (the app shows it on "Gå med" before then)."""

from datetime import datetime, timedelta

import httpx

from tests.conftest import MakeUser
from tests.seminars.helpers import create_seminar, register


async def test_the_seminar_says_when_its_room_opens(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    host = await make_user("teacher")
    seminar = await create_seminar(client, host, starts_in=timedelta(hours=1))
    student = await make_user("student")
    await register(client, seminar["id"], student)

    r = await client.get(f"/seminars/{seminar['id']}", headers=student.headers)
    assert r.status_code == 200, r.text
    opens_at = datetime.fromisoformat(r.json()["room_opens_at"])
    assert datetime.fromisoformat(seminar["starts_at"]) - opens_at == timedelta(minutes=15)

    # The same moment the token endpoint refuses with before then.
    refused = await client.post(
        "/sfu/token", json={"seminar_id": seminar["id"]}, headers=student.headers
    )
    assert refused.json()["error"] == "room_not_open"
    assert datetime.fromisoformat(refused.json()["opens_at"]) == opens_at
    anonymous = await client.get(f"/seminars/{seminar['id']}")
    assert anonymous.json()["room_opens_at"] == r.json()["room_opens_at"]
