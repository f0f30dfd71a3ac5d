"""Building courses through the studio API, as a teacher would."""

from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.conftest import Account
from tests.media.conftest import upload_file


@dataclass
class Built:
    id: str
    module_ids: list[str] = field(default_factory=list)
    lesson_ids: list[str] = field(default_factory=list)
    quiz_ids: list[str] = field(default_factory=list)


QUIZ = {
    "title": "Kunskapskoll",
    "pass_mark_percent": 60,
    "questions": [
        {
            "prompt": "Vad är ett ankare?",
            "options": ["Andningen", "Telefonen"],
            "correct_options": [0],
        },
        {
            "prompt": "Vilka hör till meditation?",
            "options": ["Närvaro", "Stress", "Stillhet"],
            "correct_options": [0, 2],
        },
        {"prompt": "Hur länge?", "options": ["5 min", "Hela dagen"], "correct_options": [0]},
    ],
}


async def build_course(
    client: httpx.AsyncClient,
    teacher: Account,
    *,
    title: str = "Meditation för nybörjare",
    price_cents: int = 0,
    is_intro: bool = False,
    level: str = "beginner",
    modules: int = 1,
    lessons_per_module: int = 2,
    quiz: bool = False,
    publish: bool = True,
    summary: str = "Lugn och närvaro",
    category: str = "other",
) -> Built:
    r = await client.post(
        "/studio/courses",
        json={
            "title": title,
            "summary": summary,
            "price_cents": price_cents,
            "is_intro": is_intro,
            "level": level,
            "category": category,
        },
        headers=teacher.headers,
    )
    assert r.status_code == 201, r.text
    built = Built(r.json()["id"])
    for m in range(modules):
        r = await client.post(
            f"/studio/courses/{built.id}/modules",
            json={"title": f"Del {m + 1}"},
            headers=teacher.headers,
        )
        assert r.status_code == 201, r.text
        built.module_ids.append(r.json()["id"])
        for n in range(lessons_per_module):
            r = await client.post(
                f"/studio/modules/{built.module_ids[-1]}/lessons",
                json={
                    "title": f"Lektion {m + 1}.{n + 1}",
                    "content_md": f"# Lektion {m + 1}.{n + 1}\n\nHemlig text {m}-{n}.",
                    "duration_minutes": 10,
                },
                headers=teacher.headers,
            )
            assert r.status_code == 201, r.text
            built.lesson_ids.append(r.json()["id"])
    if quiz:
        r = await client.put(
            f"/studio/lessons/{built.lesson_ids[0]}/quiz", json=QUIZ, headers=teacher.headers
        )
        assert r.status_code == 200, r.text
        built.quiz_ids.append(r.json()["id"])
    if publish:
        r = await client.post(f"/studio/courses/{built.id}/publish", headers=teacher.headers)
        assert r.status_code == 200, r.text
    return built


def all_keys(value: Any) -> set[str]:
    """Every key anywhere in a JSON document (to prove a field never appears)."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in all_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in all_keys(v)}
    return set()


async def enroll(client: httpx.AsyncClient, course_id: str, student: Account) -> None:
    r = await client.post(f"/courses/{course_id}/enroll", headers=student.headers)
    assert r.status_code == 201, r.text


async def upload_lesson_file(
    client: httpx.AsyncClient, who: Account, name: str, content: bytes
) -> str:
    return await upload_file(client, who, name, content, "lesson")


async def write_lesson(
    client: httpx.AsyncClient, teacher: Account, lesson_id: str, text: str
) -> httpx.Response:
    return await client.patch(
        f"/studio/lessons/{lesson_id}", json={"content_md": text}, headers=teacher.headers
    )
