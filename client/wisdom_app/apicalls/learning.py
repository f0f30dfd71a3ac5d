"""Calls about courses: the catalogue, lessons, progress, quizzes, and the course editor."""

from wisdom_app.apicalls.transport import Json, Transport


class LearningCalls(Transport):
    # ------------------------------------------------------------------ courses

    async def my_courses(self) -> Json:
        return await self.page("/me/courses", limit=100)

    async def courses(
        self,
        cursor: str | None = None,
        *,
        q: str | None = None,
        category: str | None = None,
        level: str | None = None,
        price: str | None = None,
        intro: bool | None = None,
        teacher: str | None = None,
        limit: int = 20,
    ) -> Json:
        """A page of the catalogue; filters left None are not sent (price: "free" or "paid")."""
        return await self.page(
            "/courses",
            cursor=cursor,
            limit=limit,
            q=q,
            category=category,
            level=level,
            price=price,
            intro=intro,
            teacher=teacher,
        )

    async def course(self, course_id: str) -> Json:
        """The course with its modules and their lessons."""
        return await self._json("GET", f"/courses/{course_id}")

    async def course_access(self, course_id: str) -> Json:
        """{"access": bool, "role", "requirement": {"action": enroll|buy|..., ...}}."""
        return await self._json("GET", f"/courses/{course_id}/access")

    async def course_progress(self, course_id: str) -> Json:
        return await self._json("GET", f"/courses/{course_id}/progress")

    async def enroll(self, course_id: str) -> Json:
        return await self._json("POST", f"/courses/{course_id}/enroll")

    async def lesson(self, lesson_id: str) -> Json:
        return await self._json("GET", f"/lessons/{lesson_id}")

    async def complete_lesson(self, lesson_id: str) -> Json:
        return await self._json("POST", f"/lessons/{lesson_id}/complete")

    async def submit_quiz(self, quiz_id: str, answers: dict[str, list[int]]) -> Json:
        """Answers by question id (indexes of the chosen options); the result with the score."""
        body = {"answers": [{"question_id": q, "selected": sel} for q, sel in answers.items()]}
        return await self._json("POST", f"/quizzes/{quiz_id}/submit", json=body)

    # ------------------------------------------------------------------ teacher: course editor

    async def studio_courses(self) -> Json:
        return await self.page("/studio/courses", limit=100)

    async def studio_course(self, course_id: str) -> Json:
        return await self._json("GET", f"/studio/courses/{course_id}")

    async def create_course(self, fields: Json) -> Json:
        return await self._json("POST", "/studio/courses", json=fields)

    async def update_course(self, course_id: str, fields: Json) -> Json:
        return await self._json("PATCH", f"/studio/courses/{course_id}", json=fields)

    async def publish_course(self, course_id: str) -> Json:
        return await self._json("POST", f"/studio/courses/{course_id}/publish")

    async def unpublish_course(self, course_id: str) -> Json:
        return await self._json("POST", f"/studio/courses/{course_id}/unpublish")

    async def create_module(self, course_id: str, title: str) -> Json:
        return await self._json("POST", f"/studio/courses/{course_id}/modules", json={"title": title})

    async def rename_module(self, module_id: str, title: str) -> Json:
        return await self._json("PATCH", f"/studio/modules/{module_id}", json={"title": title})

    async def create_lesson(self, module_id: str, title: str) -> Json:
        return await self._json("POST", f"/studio/modules/{module_id}/lessons", json={"title": title})

    async def studio_lesson(self, lesson_id: str) -> Json:
        return await self._json("GET", f"/studio/lessons/{lesson_id}")

    async def studio_link_targets(self, course_id: str) -> list[Json]:
        """The course teacher's items a lesson's magic link may point at: {kind, id, title}."""
        found: list[Json] = await self.request("GET", f"/studio/courses/{course_id}/link-targets")
        return found

    async def update_lesson(self, lesson_id: str, fields: Json) -> Json:
        return await self._json("PATCH", f"/studio/lessons/{lesson_id}", json=fields)

    async def set_cover(self, kind: str, item_id: str, media_id: str | None) -> Json:
        """The cover of a course, service or seminar (kind: courses, services, seminars)."""
        return await self._json("PUT", f"/{kind}/{item_id}/cover", json={"media_id": media_id})

    async def upload_media(self, filename: str, content: bytes, content_type: str, purpose: str = "lesson") -> Json:
        return await self._json(
            "POST",
            "/media",
            params={"purpose": purpose},
            files={"file": (filename, content, content_type)},
        )
