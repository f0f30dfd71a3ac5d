"""The benchmark's data set, bulk-loaded by PostgreSQL itself (generate_series), so a million
activities take seconds: teachers and students with one shared password, active services,
published courses and the activity feed."""

from dataclasses import dataclass

import asyncpg
from app.security import hash_password

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 - the benchmark's throwaway accounts


@dataclass(frozen=True)
class Sizes:
    teachers: int = 50
    students: int = 2000
    services: int = 1000
    courses: int = 200
    activities: int = 1_000_000


# Ids are derived from a row number so the runner can name users without reading them back.
TEACHER_ID = "00000000-0000-4000-a000-{:012d}"
STUDENT_ID = "00000000-0000-4000-b000-{:012d}"
ADMIN_ID = "00000000-0000-4000-c000-000000000001"


def teacher_id(n: int) -> str:
    return TEACHER_ID.format(n)


def student_id(n: int) -> str:
    return STUDENT_ID.format(n)


def student_email(n: int) -> str:
    return f"student{n}@bench.wisdom.local"


_PROFILES = """
INSERT INTO app.profiles (user_id, email, display_name, role, bio, created_at)
SELECT ('00000000-0000-4000-a000-' || lpad(n::text, 12, '0'))::uuid,
       'teacher' || n || '@bench.wisdom.local', 'Lärare ' || n, 'teacher',
       'Jag arbetar med meditation, andning och tarot sedan många år.',
       now() - n * interval '1 day'
FROM generate_series(1, $1) n
UNION ALL
SELECT ('00000000-0000-4000-b000-' || lpad(n::text, 12, '0'))::uuid,
       'student' || n || '@bench.wisdom.local', 'Elev ' || n, 'student', '',
       now() - n * interval '1 minute'
FROM generate_series(1, $2) n
UNION ALL
SELECT $3::uuid, 'admin@bench.wisdom.local', 'Admin', 'admin', '', now()
"""

_CREDENTIALS = """
INSERT INTO app.local_credentials (user_id, password_hash)
SELECT user_id, $1 FROM app.profiles WHERE email LIKE '%@bench.wisdom.local'
"""

_SERVICES = """
INSERT INTO app.services (teacher_id, title, description, kind, duration_minutes, delivery,
                          price_cents, status, published_at, created_at)
SELECT ('00000000-0000-4000-a000-' || lpad((1 + n % $2)::text, 12, '0'))::uuid,
       (ARRAY['Tarotläsning', 'Coachningssamtal', 'Andningssession', 'Meditationspaket'])[1 + n % 4]
           || ' ' || n,
       'En personlig session om det som är viktigt för dig just nu. Vi börjar med ett kort samtal '
           || 'och avslutar med konkreta övningar att ta med sig hem.',
       (ARRAY['reading', 'coaching', 'session', 'package'])[1 + n % 4],
       30 + 15 * (n % 5), CASE WHEN n % 7 = 0 THEN 'in_person' ELSE 'online' END,
       29000 + 1000 * (n % 60), 'active', now() - n * interval '1 hour',
       now() - n * interval '1 hour'
FROM generate_series(1, $1) n
"""

_COURSES = """
INSERT INTO app.courses (teacher_id, title, summary, description, level, price_cents, is_intro,
                         status, published_at, created_at)
SELECT ('00000000-0000-4000-a000-' || lpad((1 + n % $2)::text, 12, '0'))::uuid,
       'Kurs i medveten närvaro ' || n,
       'Åtta veckor med korta dagliga övningar i närvaro, andning och självmedkänsla.',
       'En kurs för dig som vill komma igång med en daglig praktik.',
       (ARRAY['beginner', 'intermediate', 'advanced'])[1 + n % 3],
       CASE WHEN n % 10 = 0 THEN 0 ELSE 49000 + 1000 * (n % 30) END, n % 10 = 0, 'published',
       now() - n * interval '2 hours', now() - n * interval '2 hours'
FROM generate_series(1, $1) n
"""

# A million activities in id order (oldest first), most public, a few members-only or hidden.
_ACTIVITIES = """
INSERT INTO app.activities (actor_id, kind, subject_type, subject_id, subject_title, summary,
                            visibility, hidden_at, created_at)
SELECT ('00000000-0000-4000-a000-' || lpad((1 + n % $2)::text, 12, '0'))::uuid,
       (ARRAY['service_published', 'course_published', 'wall_post', 'review_posted'])[1 + n % 4],
       (ARRAY['service', 'course', 'post', 'review'])[1 + n % 4],
       gen_random_uuid(),
       'Händelse nummer ' || n,
       'Ett nytt inlägg om andning, närvaro och vardagens små ritualer.',
       CASE WHEN n % 10 = 0 THEN 'members' ELSE 'public' END,
       CASE WHEN n % 100 = 0 THEN now() END,
       now() - ($1 - n) * interval '1 second'
FROM generate_series(1, $1) n
"""


async def load(conn: asyncpg.Connection, sizes: Sizes) -> None:
    """Fill an empty, migrated database (one transaction), then VACUUM ANALYZE it."""
    async with conn.transaction():
        await conn.execute(_PROFILES, sizes.teachers, sizes.students, ADMIN_ID)
        await conn.execute(_CREDENTIALS, hash_password(BENCH_PASSWORD))
        await conn.execute(_SERVICES, sizes.services, sizes.teachers)
        await conn.execute(_COURSES, sizes.courses, sizes.teachers)
        await conn.execute(_ACTIVITIES, sizes.activities, sizes.teachers)
    await conn.execute("VACUUM ANALYZE")
