"""Platform settings stored in the database, changed by admins at run time."""

import uuid
from typing import Any

from app.appconfig import repository
from app.appconfig.schemas import ConfigEntry
from app.audit.service import record
from app.db import Connection
from app.errors import NotFound, Unprocessable

# Each setting with the range an admin may set it to.
LIMITS: dict[str, tuple[int, int]] = {
    "free_course_limit": (0, 1000),
    "platform_fee_bps": (0, 5000),
    "vat_rate_bps": (0, 5000),
}


async def get_int(conn: Connection, key: str) -> int:
    return int_value(key, await repository.get_value(conn, key))


def value_sql(key: str) -> str:
    """A scalar subselect of the setting, for a statement that already runs in the transaction
    that needs the value (so it costs no round trip of its own): select it as a column and read
    the column with int_value(key, ...). ValueError for a key that is not a setting."""
    if key not in LIMITS:
        raise ValueError(f"Unknown setting {key}")
    return repository.value_subselect(key)


def int_value(key: str, value: Any) -> int:
    """The setting's value as read by value_sql (None: the key is missing, 404 as get_int)."""
    if value is None:
        raise NotFound(f"Unknown setting {key}")
    return int(value)


async def list_entries(conn: Connection) -> list[ConfigEntry]:
    return [ConfigEntry(**dict(r)) for r in await repository.list_all(conn)]


async def update_entries(
    conn: Connection, values: dict[str, int], actor_id: uuid.UUID
) -> list[ConfigEntry]:
    for key, value in values.items():
        if key not in LIMITS:
            raise Unprocessable(f"Unknown setting {key}", code="unknown_setting")
        low, high = LIMITS[key]
        if not low <= value <= high:
            raise Unprocessable(f"{key} must be between {low} and {high}")
    changed = []
    for key, value in sorted(values.items()):
        before = await get_int(conn, key)
        row = await repository.update_value(conn, key, value, actor_id)
        await record(
            conn,
            "config.update",
            actor_id=actor_id,
            object_type="app_config",
            object_id=key,
            meta={"from": before, "to": value},
        )
        changed.append(ConfigEntry(**dict(row)))
    return changed


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    """Settings the user (an admin) changed last no longer name them (the audit log kept the
    change, and forgets them too)."""
    await repository.forget_editor(conn, user_id)
