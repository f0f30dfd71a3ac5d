import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.textfields import QuestionPrompt, Title

Level = Literal["beginner", "intermediate", "advanced"]
# What a course is about; the catalogue filters by it (the app shows Swedish names).
Category = Literal[
    "meditation",
    "yoga",
    "breathwork",
    "mindfulness",
    "tarot",
    "astrology",
    "healing",
    "coaching",
    "other",
]
# A course's badge on its card and page (the app shows "Nyhet", "Populär", "Nybörjarvänlig",
# "Fördjupning"), or none.
Badge = Literal["new", "popular", "beginner_friendly", "in_depth"]
MAX_PRICE_CENTS = 10_000_000


class CourseFilters(BaseModel):
    """GET /courses' query string (app.querymodel): every filter optional."""

    teacher: uuid.UUID | None = None
    level: Level | None = None
    category: Category | None = None
    price: Literal["free", "paid"] | None = None
    intro: bool | None = None
    q: str | None = Field(default=None, max_length=100)
    cursor: str | None = None
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


class TeacherRef(BaseModel):
    id: uuid.UUID
    display_name: str


class CourseSummary(BaseModel):
    id: uuid.UUID
    title: str
    summary: str
    level: Level
    category: Category
    price_cents: int
    currency: str
    free: bool
    is_intro: bool
    status: Literal["draft", "published", "archived"]
    published_at: datetime | None
    teacher: TeacherRef
    lesson_count: int
    total_minutes: int
    # The cover picture (GET /media/{id}, public), set with PUT /courses/{id}/cover.
    cover_media_id: uuid.UUID | None = None
    badge: Badge | None = None


class LessonSummary(BaseModel):
    id: uuid.UUID
    module_id: uuid.UUID | None
    title: str
    position: int
    duration_minutes: int
    has_media: bool
    quiz_id: uuid.UUID | None


class ModuleSummary(BaseModel):
    id: uuid.UUID
    course_id: uuid.UUID
    title: str
    position: int
    lesson_count: int


class ModuleWithLessons(ModuleSummary):
    lessons: list[LessonSummary]


class CourseDetail(CourseSummary):
    description: str
    modules: list[ModuleWithLessons]
    # Lessons not (yet) placed in a module; shown before the first module.
    loose_lessons: list[LessonSummary]


class MediaRef(BaseModel):
    id: uuid.UUID
    content_type: str
    size_bytes: int
    url: str


class QuestionPublic(BaseModel):
    id: uuid.UUID
    position: int
    prompt: str
    options: list[str]
    # More than one option is correct (the app shows checkboxes instead of radio buttons).
    multiple: bool


class QuizPublic(BaseModel):
    """A quiz as a student sees it: never which options are correct."""

    id: uuid.UUID
    lesson_id: uuid.UUID
    title: str
    pass_mark_percent: int
    questions: list[QuestionPublic]
    passed: bool
    best_score_percent: int | None


LinkKind = Literal["course", "service", "seminar"]


class LinkTarget(BaseModel):
    """An item a lesson's magic link (`wisdom:<kind>/<id>`) may point at."""

    kind: LinkKind
    id: uuid.UUID
    title: str


class LessonLink(LinkTarget):
    """A magic link in a lesson's text: its item's title, and whether a student can open it now
    (false: unpublished, archived or over; links to deleted items are left out)."""

    available: bool


class LessonContent(BaseModel):
    id: uuid.UUID
    course_id: uuid.UUID
    module_id: uuid.UUID | None
    title: str
    content_md: str
    position: int
    duration_minutes: int
    media: MediaRef | None
    quiz: QuizPublic | None
    completed: bool
    updated_at: datetime
    links: list[LessonLink] = []


# ---- studio ---------------------------------------------------------------------------------


class CourseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    summary: str = Field(default="", max_length=500)
    description: str = Field(default="", max_length=20000)
    level: Level = "beginner"
    category: Category = "other"
    badge: Badge | None = None
    price_cents: int = Field(default=0, ge=0, le=MAX_PRICE_CENTS)
    is_intro: bool = False

    @field_validator("title")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class CourseUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    summary: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, max_length=20000)
    level: Level | None = None
    category: Category | None = None
    # "badge": null takes the badge away; left out, the badge stays.
    badge: Badge | None = None
    price_cents: int | None = Field(default=None, ge=0, le=MAX_PRICE_CENTS)
    is_intro: bool | None = None

    @field_validator("title")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be blank")
        return value.strip() if value is not None else None


class ModuleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    # Where to insert (0 = first); the end when left out.
    position: int | None = Field(default=None, ge=0)


class ModuleUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title


class LessonCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    content_md: str = Field(default="", max_length=200000)
    media_id: uuid.UUID | None = None
    duration_minutes: int = Field(default=0, ge=0, le=24 * 60)
    position: int | None = Field(default=None, ge=0)


class LessonUpdate(BaseModel):
    """Fields to change. "media_id": null removes the lesson's audio or video; module_id and
    position move the lesson (to the end of the module when position is left out)."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    content_md: str | None = Field(default=None, max_length=200000)
    media_id: uuid.UUID | None = None
    duration_minutes: int | None = Field(default=None, ge=0, le=24 * 60)
    module_id: uuid.UUID | None = None
    position: int | None = Field(default=None, ge=0)


class StudioLesson(BaseModel):
    id: uuid.UUID
    course_id: uuid.UUID
    module_id: uuid.UUID | None
    title: str
    content_md: str
    position: int
    duration_minutes: int
    media_id: uuid.UUID | None
    quiz_id: uuid.UUID | None
    updated_at: datetime
    links: list[LessonLink] = []


class ModuleOrder(BaseModel):
    id: uuid.UUID
    lesson_ids: list[uuid.UUID] = Field(max_length=500)


class CourseOrder(BaseModel):
    """The whole course in its new order: every module once, every lesson once."""

    model_config = ConfigDict(extra="forbid")

    modules: list[ModuleOrder] = Field(max_length=200)


class QuestionIn(BaseModel):
    prompt: QuestionPrompt
    options: list[str] = Field(min_length=2, max_length=10)
    correct_options: list[int] = Field(min_length=1, max_length=10)

    @model_validator(mode="after")
    def _answers_point_at_options(self) -> "QuestionIn":
        if any(not o.strip() or len(o) > 500 for o in self.options):
            raise ValueError("options must be 1-500 characters")
        if len(set(self.correct_options)) != len(self.correct_options):
            raise ValueError("correct_options must not repeat")
        if any(not 0 <= i < len(self.options) for i in self.correct_options):
            raise ValueError("correct_options must be indexes into options (0-based)")
        return self


class QuizIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(default="", max_length=200)
    pass_mark_percent: int = Field(default=70, ge=1, le=100)
    questions: list[QuestionIn] = Field(min_length=1, max_length=50)


class QuestionStudio(QuestionPublic):
    correct_options: list[int]


class QuizStudio(BaseModel):
    """A quiz as its teacher edits it, with the correct answers."""

    id: uuid.UUID
    lesson_id: uuid.UUID
    title: str
    pass_mark_percent: int
    questions: list[QuestionStudio]


# ---- enrollment and learning ----------------------------------------------------------------


class Enrollment(BaseModel):
    course_id: uuid.UUID
    enrolled: bool
    source: Literal["free", "purchase", "admin"] | None = None
    order_id: uuid.UUID | None = None
    enrolled_at: datetime | None = None


class Requirement(BaseModel):
    """What it takes to get access to a course's content."""

    action: Literal["sign_in", "enroll", "buy", "unavailable"]
    course_id: uuid.UUID
    free: bool
    price_cents: int
    currency: str
    is_intro: bool
    free_slots_left: int | None


class Access(BaseModel):
    course_id: uuid.UUID
    access: bool
    # Why the caller has access: enrolled student, the course's teacher or an admin.
    role: Literal["enrolled", "teacher", "admin"] | None
    requirement: Requirement | None


class FreeConsumed(BaseModel):
    free_course_limit: int
    consumed: int
    remaining: int


class Progress(BaseModel):
    course_id: uuid.UUID
    lessons_total: int
    lessons_done: int
    percent: int
    completed_lesson_ids: list[uuid.UUID]
    quizzes_total: int
    quizzes_passed: int
    passed_quiz_ids: list[uuid.UUID]
    completed: bool
    last_completed_at: datetime | None
    certificate_id: uuid.UUID | None


class MyCourse(BaseModel):
    course: CourseSummary
    source: Literal["free", "purchase", "admin"]
    enrolled_at: datetime
    lessons_done: int
    lessons_total: int
    percent: int
    last_completed_at: datetime | None
    certificate_id: uuid.UUID | None


class Answer(BaseModel):
    question_id: uuid.UUID
    selected: list[int] = Field(max_length=10)


class QuizSubmission(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: list[Answer] = Field(max_length=50)


class QuestionResult(BaseModel):
    question_id: uuid.UUID
    correct: bool


class QuizResult(BaseModel):
    quiz_id: uuid.UUID
    score_percent: int
    pass_mark_percent: int
    passed: bool
    correct_count: int
    question_count: int
    results: list[QuestionResult]
    # Set when this submission completed the course (or it was complete already).
    certificate_id: uuid.UUID | None


class Certificate(BaseModel):
    id: uuid.UUID
    course_id: uuid.UUID
    code: str
    student_name: str
    course_title: str
    teacher_name: str
    issued_at: datetime
    pdf_url: str
    verify_url: str


class CertificateVerification(BaseModel):
    """The public answer for a verification code: who finished which course, and when."""

    valid: bool
    code: str
    student_name: str
    course_title: str
    teacher_name: str
    issued_at: datetime
