"""The admin area: every endpoint is admins-only; users (search, pages, role, disable), the
audit log; the create-admin command; demo accounts."""

import argparse
import asyncio
import io
import os
import sys
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI

from app.cli import create_admin
from app.config import Settings
from app.seed import DEMO_PASSWORD, demo_id, seed
from tests.accounts.conftest import PASSWORD, MakeMember, sign_in
from tests.conftest import MakeUser

BACKEND_DIR = Path(__file__).resolve().parents[2]
SAMPLE_BODIES: dict[str, Any] = {"PATCH": {}, "POST": {"reason": "x"}, "PUT": {}}


def admin_operations(app: FastAPI) -> list[tuple[str, str]]:
    paths = app.openapi()["paths"]
    return [
        (method.upper(), path.replace("{", "").replace("}", "").replace("_id", ""))
        for path, item in paths.items()
        if path.startswith("/admin")
        for method in item
    ]


def _url(path: str) -> str:
    # /admin/users/user -> /admin/users/<uuid>: every path parameter here is an id.
    parts = path.split("/")
    names = {"user", "application", "certification"}
    return "/".join(str(uuid.uuid4()) if p in names else p for p in parts)


async def test_students_and_teachers_get_403_on_every_admin_endpoint(
    client: httpx.AsyncClient, app: FastAPI, make_user: MakeUser
) -> None:
    operations = admin_operations(app)
    assert len(operations) >= 12
    student = await make_user("student")
    teacher = await make_user("teacher")
    for method, path in operations:
        url = _url(path)
        body = SAMPLE_BODIES.get(method)
        anonymous = await client.request(method, url, json=body)
        assert anonymous.status_code == 401, (method, path)
        for user in (student, teacher):
            r = await client.request(method, url, json=body, headers=user.headers)
            assert r.status_code == 403, (method, path, user.role)
            assert r.json()["error"] == "admin_required"


async def test_admin_user_list_search_filters_and_pages(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    admin = await make_user("admin", display_name="Ada Admin")
    users = [await make_user("student", display_name=f"Elev {i}") for i in range(5)]
    teacher = await make_user("teacher", display_name="Tora Lärare")

    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/admin/users", params=params, headers=admin.headers)).json()
        seen += [u["id"] for u in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 7

    r = await client.get("/admin/users", params={"q": "LÄRARE"}, headers=admin.headers)
    assert [u["id"] for u in r.json()["items"]] == [str(teacher.id)]
    r = await client.get("/admin/users", params={"q": users[0].email}, headers=admin.headers)
    assert [u["email"] for u in r.json()["items"]] == [users[0].email]
    r = await client.get("/admin/users", params={"role": "student"}, headers=admin.headers)
    assert len(r.json()["items"]) == 5
    one = await client.get(f"/admin/users/{teacher.id}", headers=admin.headers)
    assert one.json()["role"] == "teacher" and one.json()["disabled"] is False
    missing = await client.get(f"/admin/users/{uuid.uuid4()}", headers=admin.headers)
    assert missing.status_code == 404
    bad = await client.get("/admin/users", params={"cursor": "Zm9v"}, headers=admin.headers)
    assert bad.status_code == 400


async def test_admin_changes_a_role_and_it_is_audited(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    admin = await make_user("admin")
    student = await make_user("student")
    r = await client.patch(
        f"/admin/users/{student.id}", json={"role": "teacher"}, headers=admin.headers
    )
    assert r.status_code == 200 and r.json()["role"] == "teacher"
    entry = await db.fetchrow("SELECT * FROM app.audit_log WHERE action = 'user.role_change'")
    assert entry["actor_id"] == admin.id and entry["subject_user_id"] == student.id
    assert entry["meta"] == {"from": "student", "to": "teacher"}
    bad = await client.patch(
        f"/admin/users/{student.id}", json={"role": "owner"}, headers=admin.headers
    )
    assert bad.status_code == 422
    missing = await client.patch(
        f"/admin/users/{uuid.uuid4()}", json={"role": "teacher"}, headers=admin.headers
    )
    assert missing.status_code == 404
    # An admin cannot demote or disable themselves.
    for body in ({"role": "student"}, {"disabled": True}):
        r = await client.patch(f"/admin/users/{admin.id}", json=body, headers=admin.headers)
        assert r.status_code == 409 and r.json()["error"] == "self_change"


async def test_disabling_ends_every_session_at_once(
    client: httpx.AsyncClient, make_user: MakeUser, make_member: MakeMember, db: asyncpg.Connection
) -> None:
    admin = await make_user("admin")
    member = await make_member()
    other = await sign_in(client, member.email, PASSWORD)
    r = await client.patch(
        f"/admin/users/{member.id}", json={"disabled": True}, headers=admin.headers
    )
    assert r.status_code == 200 and r.json()["disabled"] is True
    assert (await client.get("/me", headers=member.headers)).status_code == 401
    for token in (member.refresh_token, other["refresh_token"]):
        refresh = await client.post("/auth/refresh", json={"refresh_token": token})
        assert refresh.status_code == 401
    login = await client.post("/auth/login", json={"email": member.email, "password": PASSWORD})
    assert login.status_code == 403
    entry = await db.fetchrow("SELECT meta FROM app.audit_log WHERE action = 'user.disable'")
    assert entry["meta"] == {"sessions_ended": 2}
    assert (
        await db.fetchval(
            "SELECT count(*) FROM app.auth_sessions WHERE revoked_reason = 'disabled'"
        )
        == 2
    )

    r = await client.patch(
        f"/admin/users/{member.id}", json={"disabled": False}, headers=admin.headers
    )
    assert r.json()["disabled"] is False
    await sign_in(client, member.email, PASSWORD)
    assert await db.fetchval("SELECT count(*) FROM app.audit_log WHERE action = 'user.enable'") == 1


async def test_audit_log_filters_and_pages(
    client: httpx.AsyncClient, make_user: MakeUser, make_member: MakeMember
) -> None:
    admin = await make_user("admin")
    member = await make_member()
    await client.post("/auth/login", json={"email": member.email, "password": "fel-fel-fel"})
    await client.post("/auth/logout-all", headers=member.headers)
    r = await client.get("/admin/audit-log", headers=admin.headers)
    actions = [e["action"] for e in r.json()["items"]]
    assert actions == ["auth.logout_all", "auth.login_failed", "auth.login"]
    assert r.json()["items"][1]["ip"] == "127.0.0.1"
    r = await client.get("/admin/audit-log", params={"action": "auth.login"}, headers=admin.headers)
    assert [e["action"] for e in r.json()["items"]] == ["auth.login"]
    r = await client.get("/admin/audit-log", params={"action": "auth."}, headers=admin.headers)
    assert len(r.json()["items"]) == 3
    r = await client.get(
        "/admin/audit-log", params={"actor": str(member.id)}, headers=admin.headers
    )
    assert {e["action"] for e in r.json()["items"]} == {"auth.login", "auth.logout_all"}
    first = await client.get("/admin/audit-log", params={"limit": 2}, headers=admin.headers)
    rest = await client.get(
        "/admin/audit-log",
        params={"limit": 2, "cursor": first.json()["next_cursor"]},
        headers=admin.headers,
    )
    assert [e["action"] for e in rest.json()["items"]] == ["auth.login"]
    assert rest.json()["next_cursor"] is None


# --- create-admin --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def cli_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command reads the process's settings; here, the test run's."""
    monkeypatch.setattr("app.cli.get_settings", lambda: settings)


def _args(email: str, **kw: Any) -> argparse.Namespace:
    return argparse.Namespace(
        email=email, name=kw.get("name"), password_stdin=kw.get("stdin", False)
    )


async def test_create_admin_prints_a_one_time_link_that_sets_the_password(
    client: httpx.AsyncClient, db: asyncpg.Connection, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await create_admin(db, _args("Boss@Example.se", name="Chefen")) == 0
    out = capsys.readouterr().out
    token = out.split("token: ")[1].split()[0]
    row = await db.fetchrow("SELECT user_id, role, display_name FROM app.profiles")
    assert (row["role"], row["display_name"]) == ("admin", "Chefen")
    r = await client.post("/auth/password/reset", json={"token": token, "new_password": PASSWORD})
    assert r.status_code == 204
    tokens = await sign_in(client, "boss@example.se", PASSWORD)
    assert tokens["profile"]["role"] == "admin"
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (await client.get("/admin/users", headers=headers)).status_code == 200


async def test_create_admin_promotes_an_existing_user_with_a_password_from_stdin(
    client: httpx.AsyncClient,
    db: asyncpg.Connection,
    make_member: MakeMember,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    member = await make_member()
    monkeypatch.setattr("sys.stdin", io.StringIO("ett-nytt-adminlösen\n"))
    assert await create_admin(db, _args(member.email, stdin=True)) == 0
    assert "promoted" in capsys.readouterr().out
    assert (
        await db.fetchval("SELECT role FROM app.profiles WHERE user_id = $1", member.id) == "admin"
    )
    tokens = await sign_in(client, member.email, "ett-nytt-adminlösen")
    assert tokens["profile"]["role"] == "admin"
    entry = await db.fetchrow("SELECT meta FROM app.audit_log WHERE action = 'user.role_change'")
    assert entry["meta"] == {"from": "student", "to": "admin", "via": "cli"}
    monkeypatch.setattr("sys.stdin", io.StringIO("password\n"))
    assert await create_admin(db, _args(member.email, stdin=True)) == 1
    assert "common" in capsys.readouterr().err


async def test_admin_cannot_be_created_through_the_api(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/auth/register",
        json={"email": "a@example.se", "password": PASSWORD, "display_name": "A", "role": "admin"},
    )
    assert r.status_code == 422


# --- demo data -----------------------------------------------------------------------------


async def test_demo_users_sign_in_and_elias_waits_in_the_queue(
    client: httpx.AsyncClient, db: asyncpg.Connection
) -> None:
    await seed(db)
    await seed(db)  # idempotent
    assert await db.fetchval("SELECT count(*) FROM app.local_credentials") == 5
    admin = await sign_in(client, "admin@wisdom.local", DEMO_PASSWORD)
    assert admin["profile"]["role"] == "admin"
    headers = {"Authorization": f"Bearer {admin['access_token']}"}
    queue = (await client.get("/admin/teacher-applications", headers=headers)).json()["items"]
    assert [a["applicant"]["id"] for a in queue] == [str(demo_id("elias"))]
    maja = await sign_in(client, "maja@wisdom.local", DEMO_PASSWORD)
    assert maja["profile"]["display_name"] == "Maja Berg"
    teachers = (await client.get("/teachers")).json()["items"]
    assert {"Astrid Lind", "Johan Ek"} <= {t["display_name"] for t in teachers}


async def test_create_admin_command_line(
    db: asyncpg.Connection, database_url: str, settings: Settings
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ENVIRONMENT": "test",
        "JWT_SECRET": settings.jwt_secret,
        "LOG_LEVEL": "WARNING",
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app.cli",
        "create-admin",
        "ops@example.se",
        "--name",
        "Drift",
        "--password-stdin",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env=env,
        cwd=BACKEND_DIR,
    )
    out, _ = await proc.communicate(b"drift-och-underhall-7\n")
    assert proc.returncode == 0, out
    assert b"ops@example.se created, role admin" in out
    row = await db.fetchrow("SELECT role, display_name FROM app.profiles")
    assert dict(row) == {"role": "admin", "display_name": "Drift"}
