"""Swedish demo data for direct messages (`make seed`): Maja (student) and Johan (teacher).
Idempotent: a fixed conversation id, and its messages are written only while it has none."""

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from app.db import Connection

# sender, minutes ago, read by the receiver, body
MESSAGES = [
    (
        "johan",
        26 * 60,
        True,
        "Hej Maja! Tack för att du bokade en tarotläsning. Finns det något särskilt du vill att "
        "vi fokuserar på?",
    ),
    (
        "maja",
        25 * 60,
        True,
        "Hej Johan! Jag står inför ett vägval på jobbet och skulle gärna titta på det.",
    ),
    ("johan", 40, False, "Då tar vi med det. Vi ses på torsdag klockan 18!"),
]


async def seed_messages(
    conn: Connection, demo_id: Callable[[str], uuid.UUID], now: datetime
) -> None:
    maja, johan = demo_id("maja"), demo_id("johan")
    low, high = sorted((maja, johan))
    conversation_id = demo_id("conversation/maja-johan")
    await conn.execute(
        """INSERT INTO app.conversations (id, user_a_id, user_b_id, created_at)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING""",
        conversation_id,
        low,
        high,
        now - timedelta(minutes=MESSAGES[0][1]),
    )
    if await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM app.messages WHERE conversation_id = $1)", conversation_id
    ):
        return
    for sender, minutes_ago, read, body in MESSAGES:
        at = now - timedelta(minutes=minutes_ago)
        await conn.execute(
            """INSERT INTO app.messages (conversation_id, sender_id, recipient_id, body,
                                         created_at, read_at)
               VALUES ($1, $2, $3, $4, $5, $6)""",
            conversation_id,
            demo_id(sender),
            johan if sender == "maja" else maja,
            body,
            at,
            at + timedelta(minutes=5) if read else None,
        )
    await conn.execute(
        "UPDATE app.conversations SET last_message_at = $2 WHERE id = $1",
        conversation_id,
        now - timedelta(minutes=MESSAGES[-1][1]),
    )
