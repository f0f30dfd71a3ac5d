"""Outgoing mail through an outbox.

queue_mail() stores the message in the caller's transaction, so mail is sent only for what was
committed. deliver_pending() sends stored messages over SMTP (SMTP_HOST set) or, without SMTP,
keeps them in the outbox with a log line, which is how development reads its mail
(`python -m app.cli outbox`).

An attachment is stored either as its bytes (attachment()) or as what it is made from
(rendered_attachment(): a renderer's name and its JSON data, e.g. a receipt's PDF), made when
the message is delivered, off the request that queued it. A domain registers its renderer with
register_renderer() when imported; RENDERER_MODULES says which module registers which renderer,
imported on first use (as app.orders.fulfilment does for item kinds).
"""

import asyncio
import base64
import importlib
import logging
import smtplib
import ssl
import uuid
from collections.abc import Callable
from email.message import EmailMessage
from typing import Any

from app.config import Settings
from app.db import Connection
from app.mail import repository
from app.redaction import Redaction

log = logging.getLogger("wisdom.mail")
MAX_ATTEMPTS = 5

Renderer = Callable[[dict[str, Any]], bytes]
# Which module registers each renderer; imported by render_attachment() on first use.
RENDERER_MODULES: dict[str, str] = {"receipt_pdf": "app.orders.receipts"}
_renderers: dict[str, Renderer] = {}


class AttachmentError(Exception):
    """An attachment could not be made (unknown renderer, data it cannot render)."""


def register_renderer(name: str, renderer: Renderer) -> None:
    _renderers[name] = renderer


def attachment(filename: str, content_type: str, content: bytes) -> dict[str, str]:
    return {
        "filename": filename,
        "content_type": content_type,
        "content_b64": base64.b64encode(content).decode(),
    }


def rendered_attachment(
    filename: str, content_type: str, renderer: str, data: dict[str, Any]
) -> dict[str, Any]:
    """An attachment made at delivery by the renderer `renderer` from `data` (JSON)."""
    return {"filename": filename, "content_type": content_type, "render": renderer, "data": data}


def render_attachment(item: dict[str, Any]) -> bytes:
    """The bytes of a stored attachment: decoded, or made by its renderer."""
    if "render" not in item:
        return base64.b64decode(item["content_b64"])
    name = str(item["render"])
    if name not in _renderers and name in RENDERER_MODULES:
        importlib.import_module(RENDERER_MODULES[name])
    renderer = _renderers.get(name)
    if renderer is None:
        raise AttachmentError(f"no renderer {name!r} for {item.get('filename')!r}")
    try:
        return renderer(item["data"])
    except Exception as exc:  # a renderer's own error: the message cannot be made
        raise AttachmentError(f"{item.get('filename')!r}: {exc!r}") from exc


async def queue_mail(
    conn: Connection,
    *,
    to: str,
    subject: str,
    body: str,
    user_id: uuid.UUID | None = None,
    kind: str = "general",
    attachments: list[dict[str, Any]] | None = None,
    about: uuid.UUID | None = None,
) -> uuid.UUID:
    """Store a message for delivery after the current transaction commits. `about` is the other
    person it names or quotes, whose erasure later reaches this copy (forget_person)."""
    return await repository.insert_message(
        conn,
        user_id=user_id,
        to_address=to,
        subject=subject,
        body_text=body,
        attachments=attachments or [],
        kind=kind,
        about_user_id=about,
    )


def build_message(settings: Settings, row: Any) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    msg["To"] = row["to_address"]
    msg["Subject"] = row["subject"]
    msg.set_content(row["body_text"])
    for item in row["attachments"]:
        maintype, _, subtype = item["content_type"].partition("/")
        msg.add_attachment(
            render_attachment(item),
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=item["filename"],
        )
    return msg


def _send_smtp(settings: Settings, row: Any) -> None:
    """Build the message (rendering its attachments) and send it: in a worker thread, so that
    neither the rendering nor SMTP holds up the event loop."""
    msg = build_message(settings, row)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=15) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password)
        smtp.send_message(msg)


async def deliver_pending(conn: Connection, settings: Settings, limit: int = 50) -> int:
    """Send (or keep, without SMTP) up to `limit` pending messages; return how many were handled."""
    async with conn.transaction():
        rows = await repository.claim_pending(conn, limit)
        for row in rows:
            if not settings.smtp_host:
                log.info(
                    "mail kept in outbox (no SMTP_HOST)",
                    extra={
                        "to": row["to_address"],
                        "subject": row["subject"],
                        "mail_id": str(row["id"]),
                    },
                )
                await repository.mark(conn, row["id"], "kept", None)
                continue
            try:
                await asyncio.to_thread(_send_smtp, settings, row)
            except AttachmentError as exc:
                # Made the same way on every attempt: retrying cannot help.
                log.error(
                    "mail attachment could not be made",
                    extra={"mail_id": str(row["id"]), "error": str(exc)},
                )
                await repository.mark(conn, row["id"], "failed", str(exc))
                continue
            except (OSError, smtplib.SMTPException) as exc:
                failed = row["attempts"] + 1 >= MAX_ATTEMPTS
                log.warning(
                    "mail delivery failed", extra={"mail_id": str(row["id"]), "error": str(exc)}
                )
                await repository.mark(conn, row["id"], "failed" if failed else "pending", str(exc))
                continue
            await repository.mark(conn, row["id"], "sent", None)
        return len(rows)


async def latest_messages(
    conn: Connection, limit: int = 20, to_address: str | None = None
) -> list[Any]:
    return await repository.latest(conn, limit, to_address)


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(
    conn: Connection, user_id: uuid.UUID, address: str
) -> dict[str, list[Any]]:
    """Mail the platform sent (or keeps to send) to the user or their address."""
    return {"mail_outbox": await repository.export_rows(conn, user_id, address)}


async def forget_person(conn: Connection, person_id: uuid.UUID, redaction: Redaction) -> int:
    """Mail to other people about a deleted person, queued or sent: the name and address go,
    what the person wrote is dropped, and so are attachments. Returns how many were rewritten."""
    rows = await repository.about_person(conn, person_id)
    rewritten = [
        (r["id"], redaction.apply(r["subject"])[:300], redaction.apply(r["body_text"]))
        for r in rows
    ]
    if rewritten:
        await repository.rewrite(conn, rewritten)
    return len(rewritten)


async def erase_user_data(conn: Connection, user_id: uuid.UUID, address: str) -> None:
    await repository.delete_of_user(conn, user_id, address)
