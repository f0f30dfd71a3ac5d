"""Registration, login, tokens, refresh rotation, logout and passwords."""

import base64
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import httpx
import jwt
import pytest
from argon2 import PasswordHasher

from app.auth import passwords
from app.config import Settings
from app.security import create_access_token, password_needs_rehash
from tests.accounts.conftest import PASSWORD, MakeMember, sign_in

NEW_PASSWORD = "stilla-vatten-1987"


async def register(
    client: httpx.AsyncClient, email: str = "anna@example.se", password: str = PASSWORD
) -> httpx.Response:
    return await client.post(
        "/auth/register", json={"email": email, "password": password, "display_name": " Anna "}
    )


async def audit_actions(db: asyncpg.Connection) -> list[str]:
    return [r["action"] for r in await db.fetch("SELECT action FROM app.audit_log ORDER BY id")]


# --- registration --------------------------------------------------------------------------


async def test_register_returns_tokens_and_profile_and_records_consent(
    client: httpx.AsyncClient, db: asyncpg.Connection, settings: Settings
) -> None:
    r = await register(client, email="Anna.Lind@Example.SE")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == settings.jwt_expires_minutes * 60
    assert body["access_token"] and body["refresh_token"]
    profile = body["profile"]
    assert profile["email"] == "anna.lind@example.se"
    assert profile["display_name"] == "Anna" and profile["role"] == "student"
    assert profile["avatar_media_id"] is None
    user_id = uuid.UUID(profile["id"])

    stored = await db.fetchval(
        "SELECT password_hash FROM app.local_credentials WHERE user_id = $1", user_id
    )
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    consent = await db.fetchrow(
        "SELECT kind, version FROM app.consents WHERE user_id = $1", user_id
    )
    assert dict(consent) == {"kind": "terms", "version": settings.terms_version}
    assert await audit_actions(db) == ["auth.register"]
    # Refresh tokens are stored only as hashes.
    hashes = await db.fetch("SELECT token_hash FROM app.refresh_tokens WHERE user_id = $1", user_id)
    assert len(hashes) == 1 and body["refresh_token"].encode() not in hashes[0]["token_hash"]

    me = await client.get("/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200 and me.json() == profile


async def test_duplicate_email_is_a_409_that_reveals_nothing_more(
    client: httpx.AsyncClient,
) -> None:
    assert (await register(client)).status_code == 201
    r = await register(client, email="ANNA@example.se", password="ett-annat-lösenord")
    assert r.status_code == 409
    assert r.json() == {
        "error": "email_unavailable",
        "detail": "This e-mail address cannot be used",
    }


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("kort-7!", "password_length"),
        ("x" * 129, "password_length"),
        ("iloveyou", "password_too_common"),
        ("Password1", "password_too_common"),
        ("QWERTYUIOP", "password_too_common"),
    ],
)
async def test_weak_passwords_are_refused(
    client: httpx.AsyncClient, db: asyncpg.Connection, password: str, code: str
) -> None:
    r = await register(client, password=password)
    assert r.status_code == 422 and r.json()["error"] == code
    assert await db.fetchval("SELECT count(*) FROM app.profiles") == 0


def test_the_common_password_list_has_3000_entries() -> None:
    common = passwords.common_passwords()
    assert len(common) == 3000
    assert {"123456", "password", "qwerty", "iloveyou", "12345678"} <= common
    assert sum(1 for p in common if len(p) >= passwords.MIN_LENGTH) > 1000


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-address", "password": PASSWORD, "display_name": "A"},
        {"email": "a@example.se", "password": PASSWORD, "display_name": "   "},
        {"email": "a@example.se", "password": PASSWORD},
        {"email": "a@example.se", "password": PASSWORD, "display_name": "A", "role": "admin"},
    ],
)
async def test_register_validates_its_body(client: httpx.AsyncClient, body: dict[str, str]) -> None:
    r = await client.post("/auth/register", json=body)
    assert r.status_code == 422 and r.json()["error"] == "validation_error"


# --- login ---------------------------------------------------------------------------------


async def test_login_success_and_failures_are_audited(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_member: MakeMember
) -> None:
    member = await make_member()
    assert await audit_actions(db) == ["auth.login"]

    wrong = await client.post(
        "/auth/login", json={"email": member.email, "password": "fel-fel-fel"}
    )
    unknown = await client.post(
        "/auth/login", json={"email": "nobody@example.se", "password": "fel-fel-fel"}
    )
    for r in (wrong, unknown):
        assert r.status_code == 401
        assert r.json() == {
            "error": "invalid_credentials",
            "detail": "The e-mail address or the password is wrong",
        }
    failed = await db.fetch(
        "SELECT subject_user_id, meta, host(ip) AS ip FROM app.audit_log "
        "WHERE action = 'auth.login_failed' ORDER BY id"
    )
    assert [(f["subject_user_id"], f["meta"]["reason"]) for f in failed] == [
        (member.id, "wrong_password"),
        (None, "unknown_account"),
    ]
    assert failed[0]["ip"] == "127.0.0.1"


async def test_unknown_email_costs_the_same_argon2_work(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_dummy = passwords.verify_dummy_password

    def counting_dummy(password: str) -> bool:
        calls.append(password)
        return real_dummy(password)

    monkeypatch.setattr(passwords, "verify_dummy_password", counting_dummy)
    r = await client.post(
        "/auth/login", json={"email": "ghost@example.se", "password": "abcdefgh1"}
    )
    assert r.status_code == 401
    assert calls == ["abcdefgh1"]


async def test_disabled_account_cannot_sign_in(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_member: MakeMember
) -> None:
    member = await make_member()
    await db.execute("UPDATE app.profiles SET disabled_at = now() WHERE user_id = $1", member.id)
    r = await client.post("/auth/login", json={"email": member.email, "password": PASSWORD})
    assert r.status_code == 403 and r.json()["error"] == "account_disabled"


async def test_login_rehashes_when_parameters_change(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_member: MakeMember
) -> None:
    member = await make_member()
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    await db.execute(
        "UPDATE app.local_credentials SET password_hash = $2 WHERE user_id = $1", member.id, weak
    )
    assert password_needs_rehash(weak)
    await sign_in(client, member.email, PASSWORD)
    stored = await db.fetchval(
        "SELECT password_hash FROM app.local_credentials WHERE user_id = $1", member.id
    )
    assert stored != weak and stored.startswith("$argon2id$") and not password_needs_rehash(stored)
    await sign_in(client, member.email, PASSWORD)  # the new hash verifies


# --- access tokens -------------------------------------------------------------------------


def _forge(settings: Settings, **changes: object) -> str:
    now = datetime.now(UTC)
    claims: dict[str, object] = {
        "sub": str(uuid.uuid4()),
        "role": "admin",
        "type": "access",
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
    }
    claims.update(changes)
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, settings.jwt_secret)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


async def test_bad_access_tokens_are_401(
    client: httpx.AsyncClient, settings: Settings, make_member: MakeMember
) -> None:
    member = await make_member()
    good = member.access_token
    header, payload, signature = good.split(".")
    claims = jwt.decode(good, options={"verify_signature": False})
    elevated = _b64(jwt.utils.base64url_decode(payload).replace(b'"student"', b'"admin"'))
    none_header = _b64(b'{"alg":"none","typ":"JWT"}')
    bad_tokens = {
        "expired": _forge(
            settings,
            sub=str(member.id),
            iat=datetime.now(UTC) - timedelta(hours=1),
            exp=datetime.now(UTC) - timedelta(minutes=1),
        ),
        "tampered payload": f"{header}.{elevated}.{signature}",
        "tampered signature": f"{header}.{payload}.{signature[:-4]}AAAA",
        "alg none": f"{none_header}.{payload}.",
        "wrong audience": _forge(settings, sub=str(member.id), aud="someone-else"),
        "wrong issuer": _forge(settings, sub=str(member.id), iss="evil"),
        "missing exp": _forge(settings, sub=str(member.id), exp=None),
        "other secret": jwt.encode(claims, "another-secret-" + "y" * 40),
        "refresh-typed jwt": _forge(settings, sub=str(member.id), type="refresh"),
        "refresh token": member.refresh_token,
        "garbage": "not-a-token",
    }
    assert (await client.get("/me", headers=member.headers)).status_code == 200
    for name, token in bad_tokens.items():
        r = await client.get("/me", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401, name
        assert r.json()["error"] in ("invalid_token", "token_expired"), name


async def test_access_token_claims(settings: Settings, make_member: MakeMember) -> None:
    member = await make_member()
    claims = jwt.decode(
        member.access_token,
        settings.jwt_secret,
        algorithms=["HS256"],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
    )
    assert claims["sub"] == str(member.id) and claims["role"] == "student"
    assert claims["type"] == "access" and claims["exp"] - claims["iat"] == 15 * 60
    assert uuid.UUID(claims["sid"])


# --- refresh rotation and reuse ------------------------------------------------------------


async def test_refresh_rotates_and_a_spent_token_revokes_the_family(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_member: MakeMember
) -> None:
    member = await make_member()
    first = await client.post("/auth/refresh", json={"refresh_token": member.refresh_token})
    assert first.status_code == 200
    pair = first.json()
    assert pair["refresh_token"] != member.refresh_token
    assert pair["profile"]["id"] == str(member.id)
    new_headers = {"Authorization": f"Bearer {pair['access_token']}"}
    assert (await client.get("/me", headers=new_headers)).status_code == 200

    # The spent token comes back (stolen copy): 401, and the whole family is revoked.
    reuse = await client.post("/auth/refresh", json={"refresh_token": member.refresh_token})
    assert reuse.status_code == 401 and reuse.json()["error"] == "refresh_token_reused"
    latest = await client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert latest.status_code == 401
    assert (await client.get("/me", headers=new_headers)).status_code == 401
    entry = await db.fetchrow("SELECT * FROM app.audit_log WHERE action = 'auth.refresh_reuse'")
    assert entry["subject_user_id"] == member.id and entry["meta"]["session_revoked"] is True
    assert await db.fetchval("SELECT revoked_reason FROM app.auth_sessions") == "refresh_reuse"


async def test_refresh_failures(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_member: MakeMember
) -> None:
    r = await client.post("/auth/refresh", json={"refresh_token": "made-up"})
    assert r.status_code == 401 and r.json()["error"] == "invalid_refresh_token"
    member = await make_member()
    await db.execute(
        "UPDATE app.refresh_tokens SET created_at = now() - interval '31 days', "
        "expires_at = now() - interval '1 day'"
    )
    r = await client.post("/auth/refresh", json={"refresh_token": member.refresh_token})
    assert r.status_code == 401
    # An access token is not a refresh token.
    r = await client.post("/auth/refresh", json={"refresh_token": member.access_token})
    assert r.status_code == 401


# --- logout --------------------------------------------------------------------------------


async def test_logout_ends_that_session_only(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_member: MakeMember
) -> None:
    member = await make_member()
    other = await sign_in(client, member.email, PASSWORD)
    r = await client.post("/auth/logout", headers=member.headers)
    assert r.status_code == 204
    assert (await client.get("/me", headers=member.headers)).status_code == 401
    dead = await client.post("/auth/refresh", json={"refresh_token": member.refresh_token})
    assert dead.status_code == 401
    alive = await client.post("/auth/refresh", json={"refresh_token": other["refresh_token"]})
    assert alive.status_code == 200
    assert "auth.logout" in await audit_actions(db)


async def test_logout_with_only_the_refresh_token(
    client: httpx.AsyncClient, make_member: MakeMember
) -> None:
    member = await make_member()
    r = await client.post("/auth/logout", json={"refresh_token": member.refresh_token})
    assert r.status_code == 204
    assert (await client.get("/me", headers=member.headers)).status_code == 401
    r = await client.post("/auth/refresh", json={"refresh_token": member.refresh_token})
    assert r.status_code == 401
    assert (await client.post("/auth/logout")).status_code == 401
    r = await client.post("/auth/logout", json={"refresh_token": "made-up"})
    assert r.status_code == 401


async def test_logout_all_ends_every_session(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_member: MakeMember
) -> None:
    member = await make_member()
    other = await sign_in(client, member.email, PASSWORD)
    assert (await client.post("/auth/logout-all")).status_code == 401
    assert (await client.post("/auth/logout-all", headers=member.headers)).status_code == 204
    for token in (member.refresh_token, other["refresh_token"]):
        r = await client.post("/auth/refresh", json={"refresh_token": token})
        assert r.status_code == 401
    assert (await client.get("/me", headers=member.headers)).status_code == 401
    entry = await db.fetchrow("SELECT meta FROM app.audit_log WHERE action = 'auth.logout_all'")
    assert entry["meta"] == {"sessions": 2}


# --- password change and reset -------------------------------------------------------------


async def test_password_change_ends_every_other_session(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_member: MakeMember
) -> None:
    member = await make_member()
    other = await sign_in(client, member.email, PASSWORD)
    url = "/auth/password/change"
    wrong = await client.post(
        url,
        json={"current_password": "fel-fel-fel", "new_password": NEW_PASSWORD},
        headers=member.headers,
    )
    assert wrong.status_code == 400 and wrong.json()["error"] == "wrong_password"
    common = await client.post(
        url,
        json={"current_password": PASSWORD, "new_password": "password1"},
        headers=member.headers,
    )
    assert common.status_code == 422
    r = await client.post(
        url,
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers=member.headers,
    )
    assert r.status_code == 204
    # This session goes on; the other one is over.
    assert (await client.get("/me", headers=member.headers)).status_code == 200
    r = await client.post("/auth/refresh", json={"refresh_token": member.refresh_token})
    assert r.status_code == 200
    r = await client.post("/auth/refresh", json={"refresh_token": other["refresh_token"]})
    assert r.status_code == 401
    assert (
        await client.get("/me", headers={"Authorization": f"Bearer {other['access_token']}"})
    ).status_code == 401
    old = await client.post("/auth/login", json={"email": member.email, "password": PASSWORD})
    assert old.status_code == 401
    await sign_in(client, member.email, NEW_PASSWORD)
    assert "auth.password_change" in await audit_actions(db)
    assert (
        await db.fetchval("SELECT count(*) FROM app.mail_outbox WHERE kind = 'password_changed'")
        == 1
    )


async def _reset_token_from_mail(db: asyncpg.Connection, email: str) -> str:
    body = await db.fetchval(
        "SELECT body_text FROM app.mail_outbox WHERE to_address = $1 AND kind = 'password_reset' "
        "ORDER BY created_at DESC LIMIT 1",
        email,
    )
    assert body is not None
    return str(body.split("token=")[1].split()[0])


async def test_password_reset_by_mail(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_member: MakeMember, settings: Settings
) -> None:
    member = await make_member()
    r = await client.post("/auth/password/forgot", json={"email": member.email.upper()})
    assert r.status_code == 202
    token = await _reset_token_from_mail(db, member.email)
    stored = await db.fetchrow("SELECT token_hash, expires_at, created_at FROM app.password_resets")
    assert stored["token_hash"] != token.encode() and len(stored["token_hash"]) == 32
    assert stored["expires_at"] - stored["created_at"] == timedelta(minutes=30)
    assert settings.password_reset_url in await db.fetchval("SELECT body_text FROM app.mail_outbox")

    weak = await client.post(
        "/auth/password/reset", json={"token": token, "new_password": "qwerty123"}
    )
    assert weak.status_code == 422
    r = await client.post(
        "/auth/password/reset", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert r.status_code == 204
    again = await client.post(
        "/auth/password/reset", json={"token": token, "new_password": "ännu-ett-nytt-1"}
    )
    assert again.status_code == 400 and again.json()["error"] == "invalid_reset_token"
    # Every session ended; the new password works, the old one does not.
    r = await client.post("/auth/refresh", json={"refresh_token": member.refresh_token})
    assert r.status_code == 401
    assert (await client.get("/me", headers=member.headers)).status_code == 401
    assert (
        await client.post("/auth/login", json={"email": member.email, "password": PASSWORD})
    ).status_code == 401
    await sign_in(client, member.email, NEW_PASSWORD)
    actions = await audit_actions(db)
    assert "auth.password_reset_request" in actions and "auth.password_reset" in actions


async def test_forgot_answers_the_same_for_unknown_addresses(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_member: MakeMember
) -> None:
    member = await make_member()
    known = await client.post("/auth/password/forgot", json={"email": member.email})
    unknown = await client.post("/auth/password/forgot", json={"email": "ghost@example.se"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert await db.fetchval("SELECT count(*) FROM app.mail_outbox") == 1


async def test_expired_or_superseded_reset_tokens_fail(
    client: httpx.AsyncClient, db: asyncpg.Connection, make_member: MakeMember
) -> None:
    member = await make_member()
    await client.post("/auth/password/forgot", json={"email": member.email})
    first = await _reset_token_from_mail(db, member.email)
    await client.post("/auth/password/forgot", json={"email": member.email})
    second = await _reset_token_from_mail(db, member.email)
    assert first != second
    r = await client.post(
        "/auth/password/reset", json={"token": first, "new_password": NEW_PASSWORD}
    )
    assert r.status_code == 400
    await db.execute(
        "UPDATE app.password_resets SET created_at = now() - interval '1 hour', "
        "expires_at = now() - interval '30 minutes'"
    )
    r = await client.post(
        "/auth/password/reset", json={"token": second, "new_password": NEW_PASSWORD}
    )
    assert r.status_code == 400 and r.json()["error"] == "invalid_reset_token"
    r = await client.post(
        "/auth/password/reset", json={"token": "made-up", "new_password": NEW_PASSWORD}
    )
    assert r.status_code == 400


async def test_access_token_without_a_session_still_works(
    client: httpx.AsyncClient, db: asyncpg.Connection, settings: Settings, make_member: MakeMember
) -> None:
    """Tokens minted without `sid` (service tokens, older clients) are checked by user only."""
    member = await make_member()
    token, _ = create_access_token(settings, member.id, "student")
    r = await client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
