"""Swedish demo data for the wall (`make seed`): a few posts with comments and reactions.
Idempotent: fixed ids, and a post's feed activity is recorded only when the post is new."""

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from app.community.service import excerpt
from app.db import Connection
from app.feed.service import record_activity

# key, author, hours ago, pinned, body
POSTS = [
    (
        "wall/valkommen",
        "astrid",
        72,
        True,
        "Välkommen till Gemensam vägg! Här delar vi erfarenheter, frågor och små segrar från "
        "vår praktik. Var varsamma med varandra.",
    ),
    (
        "wall/morgonmeditation",
        "maja",
        20,
        False,
        "Jag har mediterat tio minuter varje morgon i två veckor nu och märker att jag blir "
        "mindre stressad på jobbet. Någon mer som provat morgonmeditation?",
    ),
    (
        "wall/arslaggning",
        "johan",
        8,
        False,
        "På lördag lägger vi en årsläggning tillsammans i Tarot live. Skriv gärna vilka frågor "
        "ni bär på inför det nya året.",
    ),
    (
        "wall/landrygg",
        "elias",
        3,
        False,
        "Tips på bra yinyogapositioner för en stel ländrygg?",
    ),
]

# key, post, author, minutes after the post, body
COMMENTS = [
    (
        "wall/morgonmeditation/1",
        "wall/morgonmeditation",
        "elias",
        30,
        "Ja! Jag gör andningsövningen från introduktionskursen innan frukost.",
    ),
    (
        "wall/morgonmeditation/2",
        "wall/morgonmeditation",
        "astrid",
        90,
        "Så fint att höra, Maja. Tio minuter varje dag ger mer än en timme då och då.",
    ),
    ("wall/arslaggning/1", "wall/arslaggning", "maja", 45, "Ser fram emot det!"),
    (
        "wall/landrygg/1",
        "wall/landrygg",
        "astrid",
        20,
        "Prova sfinxen och fjärilen, och stanna tre till fem minuter i varje position.",
    ),
]

# who, on a post or comment key, kind
REACTIONS = [
    ("elias", "wall/morgonmeditation", "like"),
    ("astrid", "wall/morgonmeditation", "love"),
    ("johan", "wall/morgonmeditation", "like"),
    ("maja", "wall/arslaggning", "grateful"),
    ("astrid", "wall/valkommen", "love"),
    ("maja", "wall/valkommen", "like"),
    ("elias", "wall/landrygg/1", "grateful"),
    ("maja", "wall/morgonmeditation/2", "love"),
]


async def seed_wall(conn: Connection, demo_id: Callable[[str], uuid.UUID], now: datetime) -> None:
    for key, author, hours_ago, pinned, body in POSTS:
        created = now - timedelta(hours=hours_ago)
        inserted = await conn.fetchval(
            """INSERT INTO app.wall_posts (id, author_id, body, pinned_at, pinned_by, created_at)
               VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id""",
            demo_id(key),
            demo_id(author),
            body,
            created if pinned else None,
            demo_id(author) if pinned else None,
            created,
        )
        if inserted is not None:
            await record_activity(
                conn,
                actor_id=demo_id(author),
                kind="wall_post",
                subject_type="post",
                subject_id=inserted,
                subject_title=excerpt(body),
                summary=body,
                visibility="members",
            )
    for key, post, author, minutes_after, body in COMMENTS:
        hours_ago = next(p[2] for p in POSTS if p[0] == post)
        await conn.execute(
            """INSERT INTO app.wall_comments (id, post_id, author_id, body, created_at)
               VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING""",
            demo_id(key),
            demo_id(post),
            demo_id(author),
            body,
            now - timedelta(hours=hours_ago) + timedelta(minutes=minutes_after),
        )
    comment_keys = {c[0] for c in COMMENTS}
    for who, target, kind in REACTIONS:
        on_comment = target in comment_keys
        await conn.execute(
            """INSERT INTO app.wall_reactions (user_id, post_id, comment_id, kind)
               VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING""",
            demo_id(who),
            None if on_comment else demo_id(target),
            demo_id(target) if on_comment else None,
            kind,
        )
