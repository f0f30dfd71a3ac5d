"""SQL of sign-in: local credentials, sessions, refresh tokens, password resets, consents."""

import uuid
from datetime import timedelta
from typing import Any

from app.db import Connection


async def get_credential(conn: Connection, user_id: uuid.UUID) -> str | None:
    password_hash: str | None = await conn.fetchval(
        "SELECT password_hash FROM app.local_credentials WHERE user_id = $1", user_id
    )
    return password_hash


async def set_credential(conn: Connection, user_id: uuid.UUID, password_hash: str) -> None:
    """Create or replace the user's password (a change: password_changed_at moves)."""
    await conn.execute(
        """INSERT INTO app.local_credentials (user_id, password_hash) VALUES ($1, $2)
           ON CONFLICT (user_id) DO UPDATE
           SET password_hash = EXCLUDED.password_hash, password_changed_at = now()""",
        user_id,
        password_hash,
    )


async def rehash_credential(conn: Connection, user_id: uuid.UUID, password_hash: str) -> None:
    """The same password under new hashing parameters (not a password change)."""
    await conn.execute(
        "UPDATE app.local_credentials SET password_hash = $2 WHERE user_id = $1",
        user_id,
        password_hash,
    )


async def insert_session(
    conn: Connection, user_id: uuid.UUID, user_agent: str, ip: str | None
) -> uuid.UUID:
    session_id: uuid.UUID = await conn.fetchval(
        """INSERT INTO app.auth_sessions (user_id, user_agent, ip) VALUES ($1, $2, $3::inet)
           RETURNING id""",
        user_id,
        user_agent,
        ip,
    )
    return session_id


async def touch_session(conn: Connection, session_id: uuid.UUID) -> None:
    await conn.execute(
        "UPDATE app.auth_sessions SET last_used_at = now() WHERE id = $1", session_id
    )


async def revoke_session(
    conn: Connection, session_id: uuid.UUID, user_id: uuid.UUID, reason: str
) -> bool:
    """End one of the user's sessions; False when it was not open (or not theirs)."""
    ended = await conn.fetchval(
        """UPDATE app.auth_sessions SET revoked_at = now(), revoked_reason = $3
           WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id""",
        session_id,
        user_id,
        reason,
    )
    return ended is not None


async def revoke_user_sessions(
    conn: Connection, user_id: uuid.UUID, reason: str, keep: uuid.UUID | None
) -> int:
    """End every open session of the user except `keep`; return how many ended."""
    rows = await conn.fetch(
        """UPDATE app.auth_sessions SET revoked_at = now(), revoked_reason = $2
           WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3)
           RETURNING id""",
        user_id,
        reason,
        keep,
    )
    return len(rows)


async def insert_refresh_token(
    conn: Connection,
    *,
    session_id: uuid.UUID,
    user_id: uuid.UUID,
    token_hash: bytes,
    parent_id: uuid.UUID | None,
    lifetime: timedelta,
) -> uuid.UUID:
    token_id: uuid.UUID = await conn.fetchval(
        """INSERT INTO app.refresh_tokens (session_id, user_id, token_hash, parent_id, expires_at)
           VALUES ($1, $2, $3, $4, now() + $5::interval) RETURNING id""",
        session_id,
        user_id,
        token_hash,
        parent_id,
        lifetime,
    )
    return token_id


async def lock_refresh_token(conn: Connection, token_hash: bytes) -> Any:
    """The token with its session's and user's state, locked so that two refreshes with the
    same token run one after the other (the second then sees it spent)."""
    return await conn.fetchrow(
        """SELECT t.id, t.session_id, t.user_id, t.expires_at <= now() AS expired, t.used_at,
                  s.revoked_at AS session_revoked_at, p.role, p.disabled_at
           FROM app.refresh_tokens t
           JOIN app.auth_sessions s ON s.id = t.session_id
           JOIN app.profiles p ON p.user_id = t.user_id
           WHERE t.token_hash = $1
           FOR UPDATE OF t""",
        token_hash,
    )


async def find_refresh_token(conn: Connection, token_hash: bytes) -> Any:
    return await conn.fetchrow(
        "SELECT id, session_id, user_id FROM app.refresh_tokens WHERE token_hash = $1",
        token_hash,
    )


async def mark_refresh_token_used(conn: Connection, token_id: uuid.UUID) -> None:
    await conn.execute("UPDATE app.refresh_tokens SET used_at = now() WHERE id = $1", token_id)


async def close_open_resets(conn: Connection, user_id: uuid.UUID) -> None:
    """Spend every unused reset token of the user (a newer one, or a finished reset)."""
    await conn.execute(
        "UPDATE app.password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL",
        user_id,
    )


async def insert_reset(
    conn: Connection,
    user_id: uuid.UUID,
    token_hash: bytes,
    lifetime: timedelta,
    ip: str | None,
) -> None:
    await conn.execute(
        """INSERT INTO app.password_resets (user_id, token_hash, expires_at, requested_ip)
           VALUES ($1, $2, now() + $3::interval, $4::inet)""",
        user_id,
        token_hash,
        lifetime,
        ip,
    )


async def lock_reset(conn: Connection, token_hash: bytes) -> Any:
    return await conn.fetchrow(
        """SELECT id, user_id, expires_at <= now() AS expired, used_at FROM app.password_resets
           WHERE token_hash = $1 FOR UPDATE""",
        token_hash,
    )


async def insert_consent(
    conn: Connection,
    user_id: uuid.UUID,
    kind: str,
    version: str,
    ip: str | None,
    user_agent: str,
) -> None:
    await conn.execute(
        """INSERT INTO app.consents (user_id, kind, version, ip, user_agent)
           VALUES ($1, $2, $3, $4::inet, $5) ON CONFLICT DO NOTHING""",
        user_id,
        kind,
        version,
        ip,
        user_agent,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_rows(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    """Sessions, consents and when the password was set: never the hash or token hashes."""
    return {
        "local_credentials": await conn.fetch(
            """SELECT user_id, password_changed_at, created_at, updated_at
               FROM app.local_credentials WHERE user_id = $1""",
            user_id,
        ),
        "auth_sessions": await conn.fetch(
            "SELECT * FROM app.auth_sessions WHERE user_id = $1 ORDER BY created_at", user_id
        ),
        "consents": await conn.fetch(
            "SELECT * FROM app.consents WHERE user_id = $1 ORDER BY accepted_at", user_id
        ),
    }


async def delete_all_of_user(conn: Connection, user_id: uuid.UUID) -> None:
    await conn.execute("DELETE FROM app.refresh_tokens WHERE user_id = $1", user_id)
    await conn.execute("DELETE FROM app.password_resets WHERE user_id = $1", user_id)
    await conn.execute("DELETE FROM app.auth_sessions WHERE user_id = $1", user_id)
    await conn.execute("DELETE FROM app.local_credentials WHERE user_id = $1", user_id)
    await conn.execute("DELETE FROM app.consents WHERE user_id = $1", user_id)
