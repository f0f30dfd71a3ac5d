"""Shared services: platform settings, the audit log, the mail outbox and its delivery."""

import asyncio
import socket
import uuid
from collections.abc import Iterator

import asyncpg
import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from app.config import Settings
from app.mail.service import attachment, deliver_pending, queue_mail, rendered_attachment
from tests.conftest import MakeUser
from tests.marketplace_helpers import pay_with_dummy, place_order, published_service
from tests.orders.test_receipts import pdf_text


async def test_free_course_limit_is_public(client: httpx.AsyncClient) -> None:
    r = await client.get("/config/free-course-limit")
    assert r.status_code == 200
    assert r.json() == {"free_course_limit": 3}


async def test_admin_config_needs_an_admin(client: httpx.AsyncClient, make_user: MakeUser) -> None:
    assert (await client.get("/admin/config")).status_code == 401
    student = await make_user("student")
    teacher = await make_user("teacher")
    for user in (student, teacher):
        assert (await client.get("/admin/config", headers=user.headers)).status_code == 403
        r = await client.patch(
            "/admin/config", json={"values": {"free_course_limit": 9}}, headers=user.headers
        )
        assert r.status_code == 403


async def test_admin_changes_a_setting_and_it_is_audited(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    admin = await make_user("admin")
    r = await client.patch(
        "/admin/config", json={"values": {"free_course_limit": 5}}, headers=admin.headers
    )
    assert r.status_code == 200
    entry = next(e for e in r.json()["items"] if e["key"] == "free_course_limit")
    assert entry["value"] == 5 and entry["updated_by"] == str(admin.id)
    assert (await client.get("/config/free-course-limit")).json() == {"free_course_limit": 5}
    audit = await db.fetchrow("SELECT * FROM app.audit_log WHERE action = 'config.update'")
    assert audit["actor_id"] == admin.id and audit["meta"] == {"from": 3, "to": 5}


@pytest.mark.parametrize(
    "values", [{"free_course_limit": -1}, {"no_such_key": 1}, {"platform_fee_bps": 99999}]
)
async def test_bad_setting_changes_nothing(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection, values: dict[str, int]
) -> None:
    admin = await make_user("admin")
    r = await client.patch(
        "/admin/config", json={"values": {"vat_rate_bps": 1200, **values}}, headers=admin.headers
    )
    assert r.status_code == 422
    assert await db.fetchval("SELECT value FROM app.app_config WHERE key = 'vat_rate_bps'") == 2500


async def test_a_purchase_reads_the_settings_as_they_are_then(
    client: httpx.AsyncClient, make_user: MakeUser, db: asyncpg.Connection
) -> None:
    """The fee and the VAT rate ride on the purchase's own statements (no round trip of their
    own, no cache): a change applies to the next purchase, and a missing setting is a 404 that
    writes nothing."""
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher, price_cents=79000)
    await db.execute("UPDATE app.app_config SET value = '1500' WHERE key = 'platform_fee_bps'")
    await db.execute("UPDATE app.app_config SET value = '1200' WHERE key = 'vat_rate_bps'")
    order = await place_order(client, buyer, service["id"])
    await pay_with_dummy(client, buyer, order["id"])
    fee = await db.fetchval(
        "SELECT platform_fee_cents FROM app.payments WHERE order_id = $1", uuid.UUID(order["id"])
    )
    assert fee == 79000 * 1500 // 10000
    [stored] = (await db.fetchrow("SELECT attachments FROM app.mail_outbox"))["attachments"]
    assert stored["data"]["vat_rate_bps"] == 1200

    await db.execute("DELETE FROM app.app_config WHERE key = 'platform_fee_bps'")
    second = await place_order(client, buyer, service["id"])
    r = await client.post(
        "/payments/stripe/create-session", json={"order_id": second["id"]}, headers=buyer.headers
    )
    assert r.status_code == 404
    assert r.json()["detail"] == "Unknown setting platform_fee_bps"
    pending = await db.fetchrow(
        "SELECT status, checkout_attempt FROM app.service_orders WHERE id = $1",
        uuid.UUID(second["id"]),
    )
    assert (pending["status"], pending["checkout_attempt"]) == ("pending", 0)
    assert await db.fetchval("SELECT count(*) FROM app.payments") == 1


class _Smtp:
    def __init__(self) -> None:
        self.messages: list[object] = []
        outer = self

        class Handler(Message):
            def handle_message(self, message: object) -> None:
                outer.messages.append(message)

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)


@pytest.fixture
def smtp_server() -> Iterator[_Smtp]:
    server = _Smtp()
    server.controller.start()
    yield server
    server.controller.stop()


async def test_mail_is_sent_over_smtp_once(
    db: asyncpg.Connection, settings: Settings, smtp_server: _Smtp
) -> None:
    async with db.transaction():
        await queue_mail(
            db,
            to="maja@example.se",
            subject="Kvitto 100001",
            body="Tack!",
            kind="receipt",
            attachments=[attachment("kvitto.pdf", "application/pdf", b"%PDF-1.4")],
        )
    smtp = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": smtp_server.port, "smtp_starttls": False}
    )
    assert await deliver_pending(db, smtp) == 1
    assert await deliver_pending(db, smtp) == 0
    await asyncio.sleep(0.1)
    assert len(smtp_server.messages) == 1
    msg = smtp_server.messages[0]
    assert msg["Subject"] == "Kvitto 100001" and msg["To"] == "maja@example.se"  # type: ignore[index]
    assert await db.fetchval("SELECT status FROM app.mail_outbox") == "sent"


async def test_mail_without_smtp_stays_in_the_outbox(
    db: asyncpg.Connection, settings: Settings
) -> None:
    async with db.transaction():
        await queue_mail(db, to="elias@example.se", subject="Hej", body="Text")
    assert await deliver_pending(db, settings) == 1
    row = await db.fetchrow("SELECT status, body_text FROM app.mail_outbox")
    assert row["status"] == "kept" and row["body_text"] == "Text"


async def test_failed_delivery_is_retried_then_given_up(
    db: asyncpg.Connection, settings: Settings
) -> None:
    async with db.transaction():
        await queue_mail(db, to="elias@example.se", subject="Hej", body="Text")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]
    broken = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": dead_port, "smtp_starttls": False}
    )
    for _ in range(5):
        await deliver_pending(db, broken)
    row = await db.fetchrow("SELECT status, attempts, last_error FROM app.mail_outbox")
    assert row["status"] == "failed" and row["attempts"] == 5 and row["last_error"]


async def test_rolled_back_mail_is_never_sent(db: asyncpg.Connection, settings: Settings) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await queue_mail(db, to="x@example.se", subject="Hej", body="Text")
            raise RuntimeError("the order failed")
    assert await deliver_pending(db, settings) == 0


async def test_receipt_pdf_is_rendered_when_the_mail_is_delivered(
    client: httpx.AsyncClient,
    make_user: MakeUser,
    db: asyncpg.Connection,
    settings: Settings,
    smtp_server: _Smtp,
) -> None:
    teacher = await make_user("teacher", "Åsa Öberg")
    buyer = await make_user("student", "Maja Berg")
    service = await published_service(client, teacher, title="Tarotläsning", price_cents=79000)
    order = await place_order(client, buyer, service["id"])
    await pay_with_dummy(client, buyer, order["id"])
    # Paying stored the receipt's content, not its PDF.
    [stored] = (await db.fetchrow("SELECT attachments FROM app.mail_outbox"))["attachments"]
    assert "content_b64" not in stored and stored["render"] == "receipt_pdf"
    # The PDF shows the receipt as it was paid, whenever it is delivered.
    await db.execute("UPDATE app.app_config SET value = '1200' WHERE key = 'vat_rate_bps'")

    smtp = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": smtp_server.port, "smtp_starttls": False}
    )
    assert await deliver_pending(db, smtp) == 1
    await asyncio.sleep(0.1)
    [msg] = smtp_server.messages
    assert msg["To"] == buyer.email  # type: ignore[index]
    [pdf] = [part for part in msg.walk() if part.get_content_type() == "application/pdf"]  # type: ignore[attr-defined]
    assert pdf.get_filename() == f"kvitto-{order['order_number']}.pdf"
    text = pdf_text(pdf.get_payload(decode=True))
    for expected in (f"({order['order_number']})", "(Åsa Öberg)", "(Tarotläsning)",
                     "(790,00 kr)", "(varav moms 25 %)", "(158,00 kr)"):  # fmt: skip
        assert expected in text, expected
    assert await db.fetchval("SELECT status FROM app.mail_outbox") == "sent"


async def test_an_attachment_that_cannot_be_made_fails_only_its_message(
    db: asyncpg.Connection, settings: Settings, smtp_server: _Smtp
) -> None:
    async with db.transaction():
        await queue_mail(
            db,
            to="maja@example.se",
            subject="Trasig",
            body="Text",
            attachments=[rendered_attachment("x.pdf", "application/pdf", "no_such_renderer", {})],
        )
        await queue_mail(db, to="elias@example.se", subject="Hel", body="Text")
    smtp = settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": smtp_server.port, "smtp_starttls": False}
    )
    assert await deliver_pending(db, smtp) == 2
    await asyncio.sleep(0.1)
    assert [m["Subject"] for m in smtp_server.messages] == ["Hel"]  # type: ignore[index]
    rows = {
        r["subject"]: r
        for r in await db.fetch("SELECT subject, status, attempts, last_error FROM app.mail_outbox")
    }
    assert rows["Hel"]["status"] == "sent"
    broken = rows["Trasig"]
    assert broken["status"] == "failed" and broken["attempts"] == 1
    assert "no_such_renderer" in broken["last_error"]
