"""SQL of platform settings."""

import uuid
from typing import Any

from app.db import Connection


async def get_value(conn: Connection, key: str) -> Any:
    return await conn.fetchval("SELECT value FROM app.app_config WHERE key = $1", key)


def value_subselect(key: str) -> str:
    """The setting's value (jsonb, NULL when the key is missing) as a scalar subselect, for a
    statement of another domain that reads it in its own round trip. `key` is one of the
    service's known keys (a literal of the code, never a request's value)."""
    return f"(SELECT value FROM app.app_config WHERE key = '{key}')"  # noqa: S608 - a known key


async def list_all(conn: Connection) -> list[Any]:
    return await conn.fetch(
        "SELECT key, value, description, updated_by, updated_at FROM app.app_config ORDER BY key"
    )


async def update_value(conn: Connection, key: str, value: Any, actor_id: uuid.UUID) -> Any:
    return await conn.fetchrow(
        """UPDATE app.app_config SET value = $2, updated_by = $3, updated_at = now()
           WHERE key = $1 RETURNING key, value, description, updated_by, updated_at""",
        key,
        value,
        actor_id,
    )


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def forget_editor(conn: Connection, user_id: uuid.UUID) -> None:
    await conn.execute("UPDATE app.app_config SET updated_by = NULL WHERE updated_by = $1", user_id)
