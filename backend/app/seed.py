"""Demo data in Swedish, inserted idempotently (fixed ids, ON CONFLICT DO NOTHING).

Usage: python -m app.seed     (run by `make dev` and `make seed`)
"""

import asyncio
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import asyncpg

from app.bookings.demo import seed_bookings
from app.community.demo import seed_wall
from app.config import get_settings
from app.courses import demo_lessons
from app.db import Connection
from app.media.demo import seed_covers
from app.media.storage import MediaStorage, get_storage
from app.messages.demo import seed_messages
from app.pgserver import resolve_database_url
from app.security import hash_password

# Every demo account signs in with this password (README, make dev).
DEMO_PASSWORD = "wisdom-demo-2026"  # noqa: S105 - documented demo data

_NS = uuid.UUID("6f1c3a52-2b1e-4c55-9d53-0a1f5e7b9c10")


def demo_id(name: str) -> uuid.UUID:
    """A stable id per demo object, so a second seed finds the first one's rows."""
    return uuid.uuid5(_NS, name)


@dataclass(frozen=True)
class DemoUser:
    key: str
    email: str
    display_name: str
    role: str
    bio: str


USERS = [
    DemoUser(
        "admin", "admin@wisdom.local", "Wisdom Admin", "admin", "Håller ordning på plattformen."
    ),
    DemoUser(
        "astrid",
        "astrid@wisdom.local",
        "Astrid Lind",
        "teacher",
        "Yogalärare och meditationsvägledare i Uppsala sedan 2009.",
    ),
    DemoUser(
        "johan",
        "johan@wisdom.local",
        "Johan Ek",
        "teacher",
        "Tarotläsare och samtalscoach med fokus på livsval och riktning.",
    ),
    DemoUser(
        "maja", "maja@wisdom.local", "Maja Berg", "student", "Nyfiken på meditation och andning."
    ),
    DemoUser("elias", "elias@wisdom.local", "Elias Norén", "student", "Söker lugn i vardagen."),
]

COURSES = [
    # key, teacher, title, summary, level, price_cents, intro, lessons
    (
        "intro-meditation",
        "astrid",
        "Introduktion till meditation",
        "Fem korta lektioner som lär dig grunderna i stillhet och närvaro.",
        "beginner",
        0,
        True,
        [
            ("Varför meditera?", demo_lessons.WHY_MEDITATE),
            ("Andningen som ankare", demo_lessons.BREATH_AS_ANCHOR),
            ("Kroppsskanning", demo_lessons.BODY_SCAN),
            ("Ljud, tankar och känslor", demo_lessons.SOUNDS_AND_THOUGHTS),
            ("Meditation i vardagen", demo_lessons.EVERYDAY_MEDITATION),
        ],
    ),
    (
        "yin-yoga",
        "astrid",
        "Yinyoga för återhämtning",
        "Sex veckor av mjuk yinyoga för ett lugnare nervsystem.",
        "intermediate",
        49000,
        False,
        [
            ("Vad är yin?", demo_lessons.WHAT_IS_YIN),
            ("Höfter och ländrygg", demo_lessons.HIPS_AND_LOWER_BACK),
        ],
    ),
    (
        "tarot-grund",
        "johan",
        "Tarot från grunden",
        "Lär dig läsa kortens symbolik och lägga dina första läggningar.",
        "beginner",
        69000,
        False,
        [
            ("Stora arkanan", demo_lessons.MAJOR_ARCANA),
            ("Din första läggning", demo_lessons.FIRST_SPREAD),
        ],
    ),
]

SERVICES = [
    (
        "tarot-60",
        "johan",
        "Tarotläsning 60 min",
        "En personlig läsning om det som är viktigt för dig just nu.",
        "reading",
        60,
        "online",
        79000,
    ),
    (
        "coaching-45",
        "johan",
        "Samtalscoachning 45 min",
        "Ett samtal om mål, vägval och nästa steg.",
        "coaching",
        45,
        "online",
        65000,
    ),
    (
        "yoga-privat",
        "astrid",
        "Privat yogapass",
        "Ett pass anpassat efter din kropp och dina behov.",
        "session",
        75,
        "in_person",
        90000,
    ),
]

SEMINARS = [
    (
        "fullmane",
        "astrid",
        "Fullmånemeditation",
        "En gemensam meditation i fullmånens ljus.",
        3,
        60,
        100,
        0,
        False,
    ),
    (
        "tarot-live",
        "johan",
        "Tarot live: året som kommer",
        "Vi lägger en årsläggning tillsammans.",
        10,
        90,
        30,
        15000,
        True,
    ),
]


async def _seed_profiles(conn: Connection) -> None:
    for u in USERS:
        await conn.execute(
            """INSERT INTO app.profiles (user_id, email, display_name, role, bio)
               VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING""",
            demo_id(u.key),
            u.email,
            u.display_name,
            u.role,
            u.bio,
        )


async def _activity(
    conn: Connection,
    actor: str,
    kind: str,
    subject_type: str,
    subject_key: str,
    title: str,
    summary: str,
) -> None:
    # Activities have generated ids: kind and subject keep the insert idempotent.
    await conn.execute(
        """INSERT INTO app.activities (actor_id, kind, subject_type, subject_id, subject_title, summary)
           SELECT $1, $2, $3, $4, $5, $6
           WHERE NOT EXISTS (SELECT 1 FROM app.activities WHERE kind = $2 AND subject_id = $4)""",
        demo_id(actor),
        kind,
        subject_type,
        demo_id(subject_key),
        title,
        summary,
    )


# The catalogue's category of each demo course.
COURSE_CATEGORIES = {"intro-meditation": "meditation", "yin-yoga": "yoga", "tarot-grund": "tarot"}
# ... and the badge of some (on a fresh database; a badge a teacher took away stays away).
COURSE_BADGES = {
    "intro-meditation": "beginner_friendly",
    "yin-yoga": "popular",
    "tarot-grund": "new",
}


async def _seed_courses(conn: Connection, now: datetime) -> None:
    for key, teacher, title, summary, level, price, intro, lessons in COURSES:
        await conn.execute(
            # A demo course seeded before categories existed gets its category; one a teacher
            # has given a category keeps it.
            """INSERT INTO app.courses (id, teacher_id, title, summary, description, level, price_cents,
                                        is_intro, status, published_at, category, badge)
               VALUES ($1, $2, $3, $4, $4, $5, $6, $7, 'published', $8, $9, $10)
               ON CONFLICT (id) DO UPDATE SET category = EXCLUDED.category
               WHERE app.courses.category = 'other'""",
            demo_id(key),
            demo_id(teacher),
            title,
            summary,
            level,
            price,
            intro,
            now,
            COURSE_CATEGORIES.get(key, "other"),
            COURSE_BADGES.get(key),
        )
        for pos, (lesson_title, content) in enumerate(lessons):
            await conn.execute(
                # A lesson still holding the one-line placeholder of earlier seeds (ending in
                # " ...") gets its real text; a text a teacher has edited stays as it is.
                """INSERT INTO app.lessons (id, course_id, title, content_md, position, duration_minutes)
                   VALUES ($1, $2, $3, $4, $5, 10)
                   ON CONFLICT (id) DO UPDATE SET content_md = EXCLUDED.content_md
                   WHERE app.lessons.content_md LIKE '% ...'""",
                demo_id(f"{key}/lesson/{pos}"),
                demo_id(key),
                lesson_title,
                f"# {lesson_title}\n\n{content.strip()}\n",
                pos,
            )
        await _activity(conn, teacher, "course_published", "course", key, title, summary)
    await conn.execute(
        """INSERT INTO app.enrollments (user_id, course_id, source) VALUES ($1, $2, 'free')
           ON CONFLICT DO NOTHING""",
        demo_id("maja"),
        demo_id("intro-meditation"),
    )


# Modules of the demo courses: (title, positions of the course's lessons in it).
COURSE_MODULES = {
    "intro-meditation": [("Grunderna", [0, 1]), ("Kroppen", [2]), ("I vardagen", [3, 4])],
    "yin-yoga": [("Kom igång", [0, 1])],
    "tarot-grund": [("Kortens språk", [0]), ("Läggningar", [1])],
}
BREATH_QUIZ = [
    ("Vad använder vi som ankare i den här lektionen?", ["Andningen", "Ljuden", "Tankarna"], [0]),
    (
        "Vad gör du när tankarna vandrar iväg?",
        ["Ger upp", "Återvänder vänligt till andningen"],
        [1],
    ),
]


async def _seed_course_structure(conn: Connection) -> None:
    """Modules for the demo courses, a quiz on the breathing lesson, and Maja's progress."""
    for key, modules in COURSE_MODULES.items():
        for number, (title, lesson_positions) in enumerate(modules):
            module_id = demo_id(f"{key}/module/{number}")
            await conn.execute(
                """INSERT INTO app.course_modules (id, course_id, title, position)
                   VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING""",
                module_id,
                demo_id(key),
                title,
                number,
            )
            for place, lesson in enumerate(lesson_positions):
                await conn.execute(
                    """UPDATE app.lessons SET module_id = $1, position = $2
                       WHERE id = $3 AND module_id IS NULL""",
                    module_id,
                    place,
                    demo_id(f"{key}/lesson/{lesson}"),
                )
    quiz_id = demo_id("intro-meditation/quiz/1")
    await conn.execute(
        """INSERT INTO app.quizzes (id, lesson_id, title, pass_mark_percent)
           VALUES ($1, $2, 'Kunskapskoll: andningen', 50) ON CONFLICT DO NOTHING""",
        quiz_id,
        demo_id("intro-meditation/lesson/1"),
    )
    for position, (prompt, options, correct) in enumerate(BREATH_QUIZ):
        await conn.execute(
            """INSERT INTO app.quiz_questions (id, quiz_id, position, prompt, options, correct_options)
               VALUES ($1, $2, $3, $4, $5::text::jsonb, $6) ON CONFLICT DO NOTHING""",
            demo_id(f"intro-meditation/quiz/1/question/{position}"),
            quiz_id,
            position,
            prompt,
            json.dumps(options, ensure_ascii=False),
            correct,
        )
    await conn.execute(
        """INSERT INTO app.lesson_progress (user_id, lesson_id, course_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING""",
        demo_id("maja"),
        demo_id("intro-meditation/lesson/0"),
        demo_id("intro-meditation"),
    )


async def _seed_services(conn: Connection, now: datetime) -> None:
    for key, teacher, title, description, kind, minutes, delivery, price in SERVICES:
        await conn.execute(
            """INSERT INTO app.services (id, teacher_id, title, description, kind, duration_minutes,
                                         delivery, price_cents, status, published_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9) ON CONFLICT DO NOTHING""",
            demo_id(key),
            demo_id(teacher),
            title,
            description,
            kind,
            minutes,
            delivery,
            price,
            now,
        )
        await _activity(conn, teacher, "service_published", "service", key, title, description)


async def _seed_seminars(conn: Connection, now: datetime) -> None:
    for key, host, title, description, days, minutes, capacity, price, speaking in SEMINARS:
        starts = (now + timedelta(days=days)).replace(hour=17, minute=0, second=0, microsecond=0)
        await conn.execute(
            """INSERT INTO app.seminars (id, host_id, title, description, starts_at, ends_at, capacity,
                                         price_cents, allow_speaking)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING""",
            demo_id(key),
            demo_id(host),
            title,
            description,
            starts,
            starts + timedelta(minutes=minutes),
            capacity,
            price,
            speaking,
        )
        await _activity(conn, host, "seminar_created", "seminar", key, title, description)
    # Maja has a seat in the free full-moon meditation.
    await conn.execute(
        """INSERT INTO app.seminar_attendees (seminar_id, user_id) VALUES ($1, $2)
           ON CONFLICT DO NOTHING""",
        demo_id("fullmane"),
        demo_id("maja"),
    )


async def _seed_accounts(conn: Connection) -> None:
    """A password for every demo user (hashed only where missing: argon2id is slow on purpose)
    and one pending teacher application, from Elias, for the admin queue."""
    for u in USERS:
        has_password = await conn.fetchval(
            "SELECT 1 FROM app.local_credentials WHERE user_id = $1", demo_id(u.key)
        )
        if not has_password:
            await conn.execute(
                """INSERT INTO app.local_credentials (user_id, password_hash) VALUES ($1, $2)
                   ON CONFLICT DO NOTHING""",
                demo_id(u.key),
                hash_password(DEMO_PASSWORD),
            )
    await conn.execute(
        """INSERT INTO app.teacher_applications (id, user_id, motivation, credentials)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING""",
        demo_id("elias/teacher-application"),
        demo_id("elias"),
        "Jag har mediterat i tio år och vill leda nybörjargrupper i andning och närvaro.",
        "Mindfulnessinstruktör (MBSR), 2021. Andningscoach, 2023.",
    )


async def _seed_orders(conn: Connection, now: datetime) -> None:
    """One paid demo order (Maja bought Johan's tarot reading through the dummy provider), so
    statements and receipts have something to show."""
    order_id = demo_id("order/maja-tarot-60")
    paid_at = now - timedelta(days=2)
    await conn.execute(
        """INSERT INTO app.service_orders (id, buyer_id, seller_id, item_kind, service_id,
                                           item_title, amount_cents, status, note, payment_method,
                                           checkout_attempt, checkout_reserved_at,
                                           checkout_expires_at, paid_at, created_at)
           VALUES ($1, $2, $3, 'service', $4, 'Tarotläsning 60 min', 79000, 'paid',
                   'Gärna en kväll i veckan.', 'dummy', 1, $5::timestamptz,
                   $5::timestamptz + interval '32 minutes', $5::timestamptz, $5::timestamptz)
           ON CONFLICT DO NOTHING""",
        order_id,
        demo_id("maja"),
        demo_id("johan"),
        demo_id("tarot-60"),
        paid_at,
    )
    await conn.execute(
        """INSERT INTO app.payments (id, order_id, user_id, provider, provider_ref,
                                     payment_intent_id, status, amount_cents, attempt,
                                     platform_fee_cents, payment_method, paid_at, created_at)
           VALUES ($1, $2, $3, 'dummy', 'cs_test_dummy_demo_maja_tarot', 'pi_dummy_demo_maja_tarot',
                   'succeeded', 79000, 1, 7900, 'dummy', $4, $4)
           ON CONFLICT DO NOTHING""",
        demo_id("payment/maja-tarot-60"),
        order_id,
        demo_id("maja"),
        paid_at,
    )


async def seed(conn: Connection, storage: MediaStorage | None = None) -> None:
    """The demo data; with a media store, also the demo covers (their pictures go there)."""
    now = datetime.now(UTC)
    async with conn.transaction():
        await _seed_profiles(conn)
        await _seed_courses(conn, now)
        await _seed_course_structure(conn)
        await _seed_services(conn, now)
        await _seed_orders(conn, now)
        await _seed_seminars(conn, now)
        await _seed_accounts(conn)
        await seed_wall(conn, demo_id, now)
        await seed_messages(conn, demo_id, now)
        await seed_bookings(conn, demo_id, now)
        if storage is not None:
            await seed_covers(conn, demo_id, storage)


async def _main() -> None:
    settings = get_settings()
    conn = await asyncpg.connect(await resolve_database_url(settings))
    try:
        await seed(conn, get_storage(settings))
        counts = await conn.fetchrow(
            """SELECT (SELECT count(*) FROM app.profiles) AS profiles,
                      (SELECT count(*) FROM app.courses) AS courses,
                      (SELECT count(*) FROM app.services) AS services,
                      (SELECT count(*) FROM app.seminars) AS seminars,
                      (SELECT count(*) FROM app.activities) AS activities"""
        )
        assert counts is not None  # noqa: S101 - a SELECT of counts always returns a row
        print("seed: demo data present:", ", ".join(f"{k}={v}" for k, v in counts.items()))
    finally:
        await conn.close()


if __name__ == "__main__":
    asyncio.run(_main())
