"""GDPR self-service: everything the platform holds about a user (GET /me/export), the erasure
of an account (DELETE /me) and the end of bookkeeping retention (purge-retained).

Each domain gathers and erases its own rows (its service's export_user_data / erase_user_data);
this module decides the order and what must be settled first. Where each user column goes is
listed in app/privacy/catalog.py.
"""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.appconfig import service as appconfig
from app.audit import service as audit
from app.auth import service as auth
from app.bookings import service as bookings
from app.community import service as community
from app.config import Settings
from app.courses import service as courses
from app.db import Connection
from app.errors import Conflict, Unauthorized
from app.feed import service as feed
from app.mail import service as mail
from app.media import service as media
from app.media.storage import MediaStorage, get_storage
from app.messages import service as messages
from app.notifications import service as notifications
from app.orders import service as orders
from app.payments import service as payments
from app.privacy.catalog import EXCLUDED, RETAINED, WITHHELD_FIELDS
from app.profiles import service as profiles
from app.ratelimit import RateLimiter
from app.redaction import Redaction
from app.reviews import service as reviews
from app.security import AuthUser
from app.seminars import service as seminars
from app.services import service as services
from app.teachers import service as teachers

EXPORT_FORMAT = "wisdom-export/1"
STOCKHOLM = ZoneInfo("Europe/Stockholm")

Rows = dict[str, list[Any]]
Exporter = Callable[[Connection, uuid.UUID, str], Awaitable[Rows]]


def _by_id(export: Callable[[Connection, uuid.UUID], Awaitable[Rows]]) -> Exporter:
    async def exporter(conn: Connection, user_id: uuid.UUID, email: str) -> Rows:
        return await export(conn, user_id)

    return exporter


# Section of export.json -> the domain function that gathers it (catalog.EXPORTED says which
# table columns each section covers).
SECTIONS: dict[str, Exporter] = {
    "profile": _by_id(profiles.export_user_data),
    "account": _by_id(auth.export_user_data),
    "teaching": _by_id(teachers.export_user_data),
    "media": _by_id(media.export_user_data),
    "courses": _by_id(courses.export_user_data),
    "seminars": _by_id(seminars.export_user_data),
    "services": _by_id(services.export_user_data),
    "reviews": _by_id(reviews.export_user_data),
    "orders": _by_id(orders.export_user_data),
    "payments": _by_id(payments.export_user_data),
    "bookings": _by_id(bookings.export_user_data),
    "community": _by_id(community.export_user_data),
    "messages": _by_id(messages.export_user_data),
    "notifications": _by_id(notifications.export_user_data),
    "feed": _by_id(feed.export_user_data),
    "mail": mail.export_user_data,
    "audit": _by_id(audit.export_user_data),
}


@dataclass(frozen=True)
class UserExport:
    document: dict[str, Any]  # export.json
    media: list[Any]  # rows of app.media_objects whose files go into the archive


def media_store(settings: Settings) -> MediaStorage:
    return get_storage(settings)


def media_path(row: Any) -> str:
    """Where a file sits in the archive: media/<id>.<extension of its original name>."""
    name = str(row["original_name"] or "")
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    clean = "".join(c for c in suffix if c.isalnum())[:10]
    return f"media/{row['id']}" + (f".{clean}" if clean else "")


def _without_withheld(section: str, table: str, row: Any) -> dict[str, Any]:
    data = dict(row)
    for field in WITHHELD_FIELDS:
        withheld_table, column = field.split(".")
        if withheld_table == table:
            data.pop(column, None)
    return data


async def collect_export(
    conn: Connection, settings: Settings, limiter: RateLimiter, user: AuthUser
) -> UserExport:
    """Every row about the user, read in one snapshot (a read-only repeatable-read
    transaction), so the sections agree with each other."""
    await limiter.hit(settings.privacy_export_rate_limit, "privacy-export", str(user.id))
    async with conn.transaction(isolation="repeatable_read", readonly=True):
        profile = await profiles.get_row(conn, user.id)
        sections: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for name, exporter in SECTIONS.items():
            rows = await exporter(conn, user.id, profile["email"])
            sections[name] = {
                table: [_without_withheld(name, table, r) for r in table_rows]
                for table, table_rows in rows.items()
            }
    media_rows = sections["media"]["media_objects"]
    document = {
        "format": EXPORT_FORMAT,
        "generated_at": datetime.now(UTC),
        "user_id": user.id,
        "sections": sections,
        "media_files": [
            {"id": r["id"], "path": media_path(r), "original_name": r["original_name"]}
            for r in media_rows
        ],
        "withheld_fields": WITHHELD_FIELDS,
        "not_included": {f"{t}.{c}": reason for (t, c), reason in EXCLUDED.items()},
        "kept_after_account_deletion": {f"{t}.{c}": why for (t, c), why in RETAINED.items()},
    }
    return UserExport(document, media_rows)


async def erasure_blockers(conn: Connection, user_id: uuid.UUID) -> list[str]:
    """What the user must settle before the account can go (others depend on it)."""
    return [
        *await seminars.erasure_blockers(conn, user_id),
        *await orders.erasure_blockers(conn, user_id),
        *await bookings.erasure_blockers(conn, user_id),
    ]


async def delete_account(
    conn: Connection, settings: Settings, limiter: RateLimiter, user: AuthUser, password: str
) -> list[str]:
    """Erase the account in the request's one transaction; returns the storage keys of the
    user's files, removed after the commit. The profile stays anonymised, orders and payments
    stay pseudonymised with a retain-until date, everything else about the user goes."""
    await auth.confirm_password(conn, settings, limiter, user, password)
    profile = await profiles.lock_row(conn, user.id)  # one deletion at a time per account
    if profile["disabled_at"] is not None:
        raise Unauthorized("The account is already deleted", code="session_ended")
    blockers = await erasure_blockers(conn, user.id)
    if blockers:
        raise Conflict(
            "Settle these before deleting the account: " + "; ".join(blockers),
            code="account_has_obligations",
            extra={"blockers": blockers},
        )
    # Other people's notifications and mail about the user lose her name and her words; what
    # she wrote is read before her own rows go.
    redaction = Redaction(
        name=profile["display_name"],
        email=profile["email"],
        writings=tuple(await bookings.writings_of(conn, user.id)),
    )
    await notifications.forget_person(conn, user.id, redaction)
    await mail.forget_person(conn, user.id, redaction)
    # Content first (bookings and seats before the orders they came from), then bookkeeping,
    # then the account itself.
    await bookings.erase_user_data(conn, user.id)
    await seminars.erase_user_data(conn, user.id)
    await courses.erase_user_data(conn, user.id)
    await services.erase_user_data(conn, user.id)
    await reviews.erase_user_data(conn, user.id)
    await community.erase_user_data(conn, user.id)
    await messages.erase_user_data(conn, user.id)
    await notifications.erase_user_data(conn, user.id)
    await feed.erase_user_data(conn, user.id)
    await teachers.erase_user_data(conn, user.id)
    order_ids = await orders.pseudonymise_user_orders(conn, user.id)
    await payments.pseudonymise_user_payments(conn, user.id, order_ids)
    await mail.erase_user_data(conn, user.id, profile["email"])
    await appconfig.erase_user_data(conn, user.id)
    storage_keys = await media.erase_user_data(conn, user.id)
    await auth.erase_user_data(conn, user.id)
    await audit.forget_user(conn, user.id)
    await profiles.anonymise(conn, user.id)
    await audit.record(
        conn,
        "account.deleted",
        subject_user_id=user.id,
        object_type="profile",
        object_id=str(user.id),
        meta={"orders_retained": len(order_ids)},
    )
    return storage_keys


async def remove_files(storage: MediaStorage, keys: list[str]) -> None:
    await media.remove_files(storage, keys)


@dataclass(frozen=True)
class PurgeResult:
    orders: int
    payments: int
    kept_for_enrollments: int


def stockholm_today() -> date:
    return datetime.now(STOCKHOLM).date()


async def purge_retained(conn: Connection, today: date, *, apply: bool) -> PurgeResult:
    """Delete pseudonymised orders (with their payments and refunds) whose retain_until is
    before `today`. An order that still backs a student's bought course stays (the enrollment
    needs it; it names only anonymised parties). Without `apply`, only count."""
    expired = await orders.expired_retained_orders(conn, today)
    in_use = await courses.orders_backing_enrollments(conn, expired)
    purgeable = [order_id for order_id in expired if order_id not in in_use]
    if not apply:
        return PurgeResult(len(purgeable), 0, len(in_use))
    await bookings.delete_for_orders(conn, purgeable)
    deleted_payments = await payments.delete_for_orders(conn, purgeable)
    deleted_orders = await orders.delete_orders(conn, purgeable)
    return PurgeResult(deleted_orders, deleted_payments, len(in_use))
