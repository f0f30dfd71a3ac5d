#!/usr/bin/env python3
"""Build postman/wisdom.postman_collection.json and postman/wisdom.postman_environment.json.

    backend/.venv/bin/python scripts/build_postman.py          (writes both files)
    backend/.venv/bin/python scripts/build_postman.py --check  (exit 1 when they are stale)

The requests are the hand-written STEPS below, in the order a tester clicks through the
platform (a teacher registers and is approved, builds a course, sells a service; a student
enrolls, buys, pays, books, writes; an admin moderates; finally the student exports their data
and another deletes their account). Each step names its OpenAPI operation ("POST
/services/{service_id}/publish"), carries an example body and tests (the expected status, the
error envelope, the values later steps need). The build refuses to write a collection that
misses an operation of the live OpenAPI schema (create_app().openapi()) or names one that does
not exist; backend/tests/qa/test_postman.py checks the committed file the same way.

Run it with newman against a running API: `make postman` (a fresh API on a free port).
"""

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "backend"))

POSTMAN = REPO / "postman"
COLLECTION = POSTMAN / "wisdom.postman_collection.json"
ENVIRONMENT = POSTMAN / "wisdom.postman_environment.json"
FILES = POSTMAN / "files"
SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"


@dataclass
class Step:
    folder: str
    title: str  # Swedish, for the tester
    operation: str  # "METHOD /openapi/path/{param}"
    auth: str | None = None  # collection variable holding the bearer token
    params: dict[str, str] = field(default_factory=dict)  # path param -> value ({{var}})
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None  # JSON body (dict/list), or None
    form: list[dict[str, str]] | None = None  # multipart fields
    expect: tuple[int, ...] = (200,)
    capture: dict[str, str] = field(default_factory=dict)  # variable -> JS expression on `json`
    checks: list[str] = field(default_factory=list)  # extra JS assertions (json is parsed)
    prerequest: list[str] = field(default_factory=list)
    follow_redirects: bool = True

    @property
    def method(self) -> str:
        return self.operation.split(" ", 1)[0]

    @property
    def path(self) -> str:
        return self.operation.split(" ", 1)[1]


T, S, S2, A = "teacherToken", "studentToken", "student2Token", "adminToken"
JSON_UNTIL_DATE = "new Date(Date.now() + {ms}).toISOString()"


def iso_in(var: str, ms: int) -> str:
    return f'pm.collectionVariables.set("{var}", {JSON_UNTIL_DATE.format(ms=ms)});'


STEPS: list[Step] = [
    # ---- 1. Start -------------------------------------------------------------------------
    Step(
        "1 Start",
        "API:t svarar",
        "GET /health",
        prerequest=[
            'if (!pm.collectionVariables.get("runId")) {',
            '  pm.collectionVariables.set("runId", Date.now().toString(36));',
            "}",
        ],
        checks=['pm.expect(json.database).to.eql("ok");'],
    ),
    Step(
        "1 Start",
        "Hur många gratiskurser",
        "GET /config/free-course-limit",
        checks=["pm.expect(json.free_course_limit).to.be.a('number');"],
    ),
    # ---- 2. Konton ------------------------------------------------------------------------
    Step(
        "2 Konton",
        "Läraren registrerar sig",
        "POST /auth/register",
        body={
            "email": "larare-{{runId}}@example.se",
            "password": "{{password}}",
            "display_name": "Lärare {{runId}}",
        },
        expect=(201,),
        capture={"teacherToken": "json.access_token", "teacherId": "json.profile.id"},
    ),
    Step(
        "2 Konton",
        "Eleven registrerar sig",
        "POST /auth/register",
        body={
            "email": "elev-{{runId}}@example.se",
            "password": "{{password}}",
            "display_name": "Elev {{runId}}",
        },
        expect=(201,),
        capture={"studentToken": "json.access_token", "studentId": "json.profile.id"},
    ),
    Step(
        "2 Konton",
        "En andra elev registrerar sig",
        "POST /auth/register",
        body={
            "email": "elev2-{{runId}}@example.se",
            "password": "{{password}}",
            "display_name": "Elev två {{runId}}",
        },
        expect=(201,),
        capture={"student2Token": "json.access_token", "student2Id": "json.profile.id"},
    ),
    Step(
        "2 Konton",
        "Admin loggar in",
        "POST /auth/login",
        body={"email": "{{adminEmail}}", "password": "{{adminPassword}}"},
        capture={"adminToken": "json.access_token"},
        checks=['pm.expect(json.profile.role).to.eql("admin");'],
    ),
    Step(
        "2 Konton",
        "Eleven loggar in på en till enhet",
        "POST /auth/login",
        body={"email": "elev-{{runId}}@example.se", "password": "{{password}}"},
        capture={"studentRefresh": "json.refresh_token"},
    ),
    Step(
        "2 Konton",
        "Förnya inloggningen",
        "POST /auth/refresh",
        body={"refresh_token": "{{studentRefresh}}"},
        capture={
            "studentRefresh2": "json.refresh_token",
            "studentDeviceToken": "json.access_token",
        },
    ),
    Step(
        "2 Konton",
        "Logga ut den andra enheten",
        "POST /auth/logout",
        auth="studentDeviceToken",
        body={"refresh_token": "{{studentRefresh2}}"},
        expect=(204,),
    ),
    Step(
        "2 Konton",
        "Min profil",
        "GET /me",
        auth=S,
        checks=['pm.expect(json.id).to.eql(pm.collectionVariables.get("studentId"));'],
    ),
    Step(
        "2 Konton",
        "Ändra min profil",
        "PATCH /me",
        auth=S,
        body={"bio": "Nyfiken på meditation och andning.", "locale": "sv"},
        checks=['pm.expect(json.bio).to.contain("meditation");'],
    ),
    Step(
        "2 Konton",
        "Byt lösenord",
        "POST /auth/password/change",
        auth=S2,
        body={"current_password": "{{password}}", "new_password": "{{password}}-ny"},
        expect=(204,),
    ),
    Step(
        "2 Konton",
        "Glömt lösenord",
        "POST /auth/password/forgot",
        body={"email": "elev-{{runId}}@example.se"},
        expect=(202,),
    ),
    Step(
        "2 Konton",
        "Återställ med en ogiltig länk",
        "POST /auth/password/reset",
        body={"token": "ogiltig-lank-{{runId}}", "new_password": "{{password}}-nytt"},
        expect=(400,),
        checks=['pm.expect(json.error).to.eql("invalid_reset_token");'],
    ),
    # ---- 3. Lärare och admin ----------------------------------------------------------------
    Step(
        "3 Lärare och admin",
        "Ansök om att bli lärare",
        "POST /teacher-applications",
        auth=T,
        body={
            "motivation": "Jag har lett meditationsgrupper i tio år.",
            "credentials": "Certifierad yogalärare (RYT 500)",
        },
        expect=(201,),
        capture={"applicationId": "json.id"},
    ),
    Step(
        "3 Lärare och admin",
        "Mina ansökningar",
        "GET /teacher-applications/mine",
        auth=T,
        checks=['pm.expect(json[0].status).to.eql("pending");'],
    ),
    Step(
        "3 Lärare och admin",
        "Admin: ansökningar att granska",
        "GET /admin/teacher-applications",
        auth=A,
        query={"status": "pending"},
    ),
    Step(
        "3 Lärare och admin",
        "Admin godkänner läraren",
        "POST /admin/teacher-applications/{application_id}/approve",
        auth=A,
        params={"application_id": "{{applicationId}}"},
        checks=['pm.expect(json.status).to.eql("approved");'],
    ),
    Step(
        "3 Lärare och admin",
        "Elev två ansöker också",
        "POST /teacher-applications",
        auth=S2,
        body={"motivation": "Jag vill leda andningsövningar för nybörjare."},
        expect=(201,),
        capture={"application2Id": "json.id"},
    ),
    Step(
        "3 Lärare och admin",
        "Admin avslår med motivering",
        "POST /admin/teacher-applications/{application_id}/reject",
        auth=A,
        params={"application_id": "{{application2Id}}"},
        body={"reason": "Vi behöver intyg om utbildning."},
        checks=['pm.expect(json.status).to.eql("rejected");'],
    ),
    Step(
        "3 Lärare och admin",
        "Läraren lägger till ett intyg",
        "POST /teachers/me/certifications",
        auth=T,
        body={"title": "Yogalärare RYT 500", "issuer": "Yoga Alliance", "year": 2019},
        expect=(201,),
        capture={"certificationId": "json.id"},
    ),
    Step(
        "3 Lärare och admin",
        "Läraren lägger till ett intyg till",
        "POST /teachers/me/certifications",
        auth=T,
        body={"title": "Andningscoach", "issuer": "Andningsakademin", "year": 2023},
        expect=(201,),
        capture={"certification2Id": "json.id"},
    ),
    Step(
        "3 Lärare och admin",
        "Mina intyg",
        "GET /teachers/me/certifications",
        auth=T,
        checks=["pm.expect(json.length).to.eql(2);"],
    ),
    Step("3 Lärare och admin", "Admin: intyg att granska", "GET /admin/certifications", auth=A),
    Step(
        "3 Lärare och admin",
        "Admin verifierar intyget",
        "POST /admin/certifications/{certification_id}/verify",
        auth=A,
        params={"certification_id": "{{certificationId}}"},
        checks=['pm.expect(json.status).to.eql("verified");'],
    ),
    Step(
        "3 Lärare och admin",
        "Admin avslår det andra intyget",
        "POST /admin/certifications/{certification_id}/reject",
        auth=A,
        params={"certification_id": "{{certification2Id}}"},
        body={"reason": "Intyget går inte att läsa."},
    ),
    Step(
        "3 Lärare och admin",
        "Läraren tar bort det avslagna intyget",
        "DELETE /teachers/me/certifications/{certification_id}",
        auth=T,
        params={"certification_id": "{{certification2Id}}"},
        expect=(204,),
    ),
    Step("3 Lärare och admin", "Lärarkatalogen", "GET /teachers"),
    Step(
        "3 Lärare och admin",
        "Lärarens sida",
        "GET /teachers/{teacher_id}",
        params={"teacher_id": "{{teacherId}}"},
    ),
    Step(
        "3 Lärare och admin",
        "Admin: användare",
        "GET /admin/users",
        auth=A,
        query={"role": "student"},
    ),
    Step(
        "3 Lärare och admin",
        "Admin: en användare",
        "GET /admin/users/{user_id}",
        auth=A,
        params={"user_id": "{{student2Id}}"},
    ),
    Step(
        "3 Lärare och admin",
        "Admin: ändra en användare",
        "PATCH /admin/users/{user_id}",
        auth=A,
        params={"user_id": "{{student2Id}}"},
        body={"disabled": False},
    ),
    Step("3 Lärare och admin", "Admin: granskningsloggen", "GET /admin/audit-log", auth=A),
    Step("3 Lärare och admin", "Admin: inställningar", "GET /admin/config", auth=A),
    Step(
        "3 Lärare och admin",
        "Admin: ändra en inställning",
        "PATCH /admin/config",
        auth=A,
        body={"values": {"free_course_limit": 3}},
    ),
    # ---- 4. Media -----------------------------------------------------------------------
    Step(
        "4 Media",
        "Läraren laddar upp lektionsljud",
        "POST /media",
        auth=T,
        form=[
            {"key": "file", "type": "file", "src": "files/andning.mp3"},
            {"key": "purpose", "type": "text", "value": "lesson"},
        ],
        expect=(201,),
        capture={"mediaId": "json.id"},
    ),
    Step(
        "4 Media",
        "Eleven byter profilbild",
        "PUT /me/avatar",
        auth=S,
        form=[{"key": "file", "type": "file", "src": "files/avatar.png"}],
    ),
    Step(
        "4 Media",
        "Hämta filen",
        "GET /media/{media_id}",
        auth=T,
        params={"media_id": "{{mediaId}}"},
    ),
    Step(
        "4 Media",
        "Ladda upp ett dokument",
        "POST /media",
        auth=T,
        form=[
            {"key": "file", "type": "file", "src": "files/avatar.png"},
            {"key": "purpose", "type": "text", "value": "other"},
        ],
        expect=(201,),
        capture={"media2Id": "json.id"},
    ),
    Step(
        "4 Media",
        "Läraren laddar upp en omslagsbild",
        "POST /media",
        auth=T,
        form=[
            {"key": "file", "type": "file", "src": "files/avatar.png"},
            {"key": "purpose", "type": "text", "value": "cover"},
        ],
        expect=(201,),
        capture={"coverId": "json.id"},
    ),
    Step(
        "4 Media",
        "Ta bort dokumentet",
        "DELETE /media/{media_id}",
        auth=T,
        params={"media_id": "{{media2Id}}"},
        expect=(204,),
    ),
    # ---- 5. Kursstudio ----------------------------------------------------------------
    Step(
        "5 Kursstudio",
        "Skapa en gratis introduktionskurs",
        "POST /studio/courses",
        auth=T,
        body={
            "title": "Andas lugnt {{runId}}",
            "summary": "Fem minuter om dagen.",
            "level": "beginner",
            "price_cents": 0,
            "is_intro": True,
        },
        expect=(201,),
        capture={"courseId": "json.id"},
    ),
    Step("5 Kursstudio", "Mina kurser i studion", "GET /studio/courses", auth=T),
    Step(
        "5 Kursstudio",
        "Kursen i studion",
        "GET /studio/courses/{course_id}",
        auth=T,
        params={"course_id": "{{courseId}}"},
    ),
    Step(
        "5 Kursstudio",
        "Ändra kursen",
        "PATCH /studio/courses/{course_id}",
        auth=T,
        params={"course_id": "{{courseId}}"},
        body={"description": "En kort kurs i medveten andning för nybörjare.", "badge": "new"},
        checks=['pm.expect(json.badge).to.eql("new");'],
    ),
    Step(
        "5 Kursstudio",
        "Vad kursens lektioner kan länka till",
        "GET /studio/courses/{course_id}/link-targets",
        auth=T,
        params={"course_id": "{{courseId}}"},
        checks=["pm.expect(json).to.be.an('array');"],
    ),
    Step(
        "5 Kursstudio",
        "Sätt kursens omslagsbild",
        "PUT /courses/{course_id}/cover",
        auth=T,
        params={"course_id": "{{courseId}}"},
        body={"media_id": "{{coverId}}"},
        checks=['pm.expect(json.cover_media_id).to.eql(pm.collectionVariables.get("coverId"));'],
    ),
    Step(
        "5 Kursstudio",
        "Lägg till en modul",
        "POST /studio/courses/{course_id}/modules",
        auth=T,
        params={"course_id": "{{courseId}}"},
        body={"title": "Vecka 1"},
        expect=(201,),
        capture={"moduleId": "json.id"},
    ),
    Step(
        "5 Kursstudio",
        "Lägg till en modul till",
        "POST /studio/courses/{course_id}/modules",
        auth=T,
        params={"course_id": "{{courseId}}"},
        body={"title": "Extra"},
        expect=(201,),
        capture={"module2Id": "json.id"},
    ),
    Step(
        "5 Kursstudio",
        "Byt namn på modulen",
        "PATCH /studio/modules/{module_id}",
        auth=T,
        params={"module_id": "{{moduleId}}"},
        body={"title": "Vecka 1: grunderna"},
    ),
    Step(
        "5 Kursstudio",
        "Skapa en lektion med ljud",
        "POST /studio/modules/{module_id}/lessons",
        auth=T,
        params={"module_id": "{{moduleId}}"},
        body={
            "title": "Första andetaget",
            "content_md": "Sätt dig bekvämt och **andas**.",
            "media_id": "{{mediaId}}",
            "duration_minutes": 5,
        },
        expect=(201,),
        capture={"lessonId": "json.id"},
    ),
    Step(
        "5 Kursstudio",
        "Skapa en lektion till",
        "POST /studio/modules/{module_id}/lessons",
        auth=T,
        params={"module_id": "{{module2Id}}"},
        body={"title": "Bonus", "content_md": "Extra övning.", "duration_minutes": 3},
        expect=(201,),
        capture={"lesson2Id": "json.id"},
    ),
    Step(
        "5 Kursstudio",
        "Lektionen i studion",
        "GET /studio/lessons/{lesson_id}",
        auth=T,
        params={"lesson_id": "{{lessonId}}"},
    ),
    Step(
        "5 Kursstudio",
        "Ändra lektionen",
        "PATCH /studio/lessons/{lesson_id}",
        auth=T,
        params={"lesson_id": "{{lessonId}}"},
        body={"duration_minutes": 6},
    ),
    Step(
        "5 Kursstudio",
        "Lägg till ett quiz",
        "PUT /studio/lessons/{lesson_id}/quiz",
        auth=T,
        params={"lesson_id": "{{lessonId}}"},
        body={
            "title": "Kontrollfråga",
            "pass_mark_percent": 100,
            "questions": [
                {
                    "prompt": "Var börjar andetaget?",
                    "options": ["I magen", "I axlarna"],
                    "correct_options": [0],
                }
            ],
        },
        capture={"quizId": "json.id"},
    ),
    Step(
        "5 Kursstudio",
        "Quizet i studion",
        "GET /studio/lessons/{lesson_id}/quiz",
        auth=T,
        params={"lesson_id": "{{lessonId}}"},
    ),
    Step(
        "5 Kursstudio",
        "Quiz på bonuslektionen",
        "PUT /studio/lessons/{lesson_id}/quiz",
        auth=T,
        params={"lesson_id": "{{lesson2Id}}"},
        body={
            "questions": [
                {"prompt": "Ja eller nej?", "options": ["Ja", "Nej"], "correct_options": [0]}
            ]
        },
    ),
    Step(
        "5 Kursstudio",
        "Ta bort bonusquizet",
        "DELETE /studio/lessons/{lesson_id}/quiz",
        auth=T,
        params={"lesson_id": "{{lesson2Id}}"},
        expect=(204,),
    ),
    Step(
        "5 Kursstudio",
        "Ta bort bonuslektionen",
        "DELETE /studio/lessons/{lesson_id}",
        auth=T,
        params={"lesson_id": "{{lesson2Id}}"},
        expect=(204,),
    ),
    Step(
        "5 Kursstudio",
        "Ta bort extramodulen",
        "DELETE /studio/modules/{module_id}",
        auth=T,
        params={"module_id": "{{module2Id}}"},
        expect=(204,),
    ),
    Step(
        "5 Kursstudio",
        "Ordna moduler och lektioner",
        "PUT /studio/courses/{course_id}/order",
        auth=T,
        params={"course_id": "{{courseId}}"},
        body={"modules": [{"id": "{{moduleId}}", "lesson_ids": ["{{lessonId}}"]}]},
    ),
    Step(
        "5 Kursstudio",
        "Publicera kursen",
        "POST /studio/courses/{course_id}/publish",
        auth=T,
        params={"course_id": "{{courseId}}"},
        checks=['pm.expect(json.status).to.eql("published");'],
    ),
    Step(
        "5 Kursstudio",
        "Skapa en betald kurs",
        "POST /studio/courses",
        auth=T,
        body={"title": "Djupare andning {{runId}}", "price_cents": 49000},
        expect=(201,),
        capture={"course2Id": "json.id"},
    ),
    Step(
        "5 Kursstudio",
        "Modul i den betalda kursen",
        "POST /studio/courses/{course_id}/modules",
        auth=T,
        params={"course_id": "{{course2Id}}"},
        body={"title": "Del 1"},
        expect=(201,),
        capture={"course2ModuleId": "json.id"},
    ),
    Step(
        "5 Kursstudio",
        "Lektion i den betalda kursen",
        "POST /studio/modules/{module_id}/lessons",
        auth=T,
        params={"module_id": "{{course2ModuleId}}"},
        body={"title": "Boxandning", "content_md": "Fyra takter in, fyra ut."},
        expect=(201,),
    ),
    Step(
        "5 Kursstudio",
        "Publicera den betalda kursen",
        "POST /studio/courses/{course_id}/publish",
        auth=T,
        params={"course_id": "{{course2Id}}"},
    ),
    Step(
        "5 Kursstudio",
        "Avpublicera den betalda kursen",
        "POST /studio/courses/{course_id}/unpublish",
        auth=T,
        params={"course_id": "{{course2Id}}"},
    ),
    Step(
        "5 Kursstudio",
        "Publicera den igen",
        "POST /studio/courses/{course_id}/publish",
        auth=T,
        params={"course_id": "{{course2Id}}"},
    ),
    Step(
        "5 Kursstudio",
        "Skapa ett utkast",
        "POST /studio/courses",
        auth=T,
        body={"title": "Utkast {{runId}}"},
        expect=(201,),
        capture={"course3Id": "json.id"},
    ),
    Step(
        "5 Kursstudio",
        "Ta bort utkastet",
        "DELETE /studio/courses/{course_id}",
        auth=T,
        params={"course_id": "{{course3Id}}"},
        expect=(204,),
    ),
    # ---- 6. Kurser (elev) ---------------------------------------------------------------
    Step("6 Kurser", "Kurskatalogen", "GET /courses", query={"level": "beginner"}),
    Step("6 Kurser", "Introduktionskurser först", "GET /courses/intro-first"),
    Step("6 Kurser", "Kursen", "GET /courses/{course_id}", params={"course_id": "{{courseId}}"}),
    Step(
        "6 Kurser",
        "Kursens moduler",
        "GET /courses/{course_id}/modules",
        params={"course_id": "{{courseId}}"},
    ),
    Step(
        "6 Kurser",
        "Modulens lektioner",
        "GET /courses/modules/{module_id}/lessons",
        params={"module_id": "{{moduleId}}"},
    ),
    Step(
        "6 Kurser",
        "Har jag tillgång?",
        "GET /courses/{course_id}/access",
        auth=S,
        params={"course_id": "{{courseId}}"},
        checks=["pm.expect(json.access).to.eql(false);"],
    ),
    Step("6 Kurser", "Gratiskurser kvar", "GET /courses/free-consumed", auth=S),
    Step(
        "6 Kurser",
        "Gå med i kursen",
        "POST /courses/{course_id}/enroll",
        auth=S,
        params={"course_id": "{{courseId}}"},
        expect=(201,),
    ),
    Step(
        "6 Kurser",
        "Min inskrivning",
        "GET /courses/{course_id}/enrollment",
        auth=S,
        params={"course_id": "{{courseId}}"},
        checks=["pm.expect(json.enrolled).to.eql(true);"],
    ),
    Step(
        "6 Kurser",
        "Läs lektionen",
        "GET /lessons/{lesson_id}",
        auth=S,
        params={"lesson_id": "{{lessonId}}"},
    ),
    Step(
        "6 Kurser",
        "Markera lektionen klar",
        "POST /lessons/{lesson_id}/complete",
        auth=S,
        params={"lesson_id": "{{lessonId}}"},
    ),
    Step(
        "6 Kurser",
        "Öppna quizet",
        "GET /quizzes/{quiz_id}",
        auth=S,
        params={"quiz_id": "{{quizId}}"},
        capture={"questionId": "json.questions[0].id"},
    ),
    Step(
        "6 Kurser",
        "Svara på quizet",
        "POST /quizzes/{quiz_id}/submit",
        auth=S,
        params={"quiz_id": "{{quizId}}"},
        body={"answers": [{"question_id": "{{questionId}}", "selected": [0]}]},
        capture={"certificateId": "json.certificate_id"},
        checks=[
            "pm.expect(json.passed).to.eql(true);",
            "pm.expect(json.certificate_id).to.be.a('string');",
        ],
    ),
    Step(
        "6 Kurser",
        "Mina framsteg",
        "GET /courses/{course_id}/progress",
        auth=S,
        params={"course_id": "{{courseId}}"},
        checks=["pm.expect(json.completed).to.eql(true);"],
    ),
    Step("6 Kurser", "Mina kurser", "GET /me/courses", auth=S),
    Step(
        "6 Kurser",
        "Mitt kursintyg",
        "GET /certificates/{certificate_id}",
        auth=S,
        params={"certificate_id": "{{certificateId}}"},
        capture={"certificateCode": "json.code"},
    ),
    Step(
        "6 Kurser",
        "Kursintyget som PDF",
        "GET /certificates/{certificate_id}.pdf",
        auth=S,
        params={"certificate_id": "{{certificateId}}"},
        checks=['pm.expect(pm.response.headers.get("Content-Type")).to.contain("pdf");'],
    ),
    Step(
        "6 Kurser",
        "Verifiera ett intyg",
        "GET /certificates/verify/{code}",
        params={"code": "{{certificateCode}}"},
        checks=["pm.expect(json.valid).to.eql(true);"],
    ),
    Step(
        "6 Kurser",
        "Admin: elevens kurser",
        "GET /admin/users/{user_id}/courses",
        auth=A,
        params={"user_id": "{{studentId}}"},
        checks=["pm.expect(json.items.length).to.eql(1);"],
    ),
    Step(
        "6 Kurser",
        "Elev två går med i kursen",
        "POST /courses/{course_id}/enroll",
        auth=S2,
        params={"course_id": "{{courseId}}"},
        expect=(201,),
    ),
    Step(
        "6 Kurser",
        "Elev två lämnar kursen",
        "DELETE /courses/{course_id}/enrollment",
        auth=S2,
        params={"course_id": "{{courseId}}"},
        expect=(204,),
    ),
    # ---- 7. Tjänster -------------------------------------------------------------------
    Step(
        "7 Tjänster",
        "Skapa en tjänst",
        "POST /services",
        auth=T,
        body={
            "title": "Andningssession {{runId}}",
            "description": "En timme över video.",
            "kind": "session",
            "duration_minutes": 45,
            "price_cents": 45000,
        },
        expect=(201,),
        capture={"serviceId": "json.id"},
    ),
    Step(
        "7 Tjänster",
        "Ändra tjänsten",
        "PATCH /services/{service_id}",
        auth=T,
        params={"service_id": "{{serviceId}}"},
        body={"description": "45 minuter över video."},
    ),
    Step(
        "7 Tjänster",
        "Sätt tjänstens omslagsbild",
        "PUT /services/{service_id}/cover",
        auth=T,
        params={"service_id": "{{serviceId}}"},
        body={"media_id": "{{coverId}}"},
    ),
    Step(
        "7 Tjänster",
        "Publicera tjänsten",
        "POST /services/{service_id}/publish",
        auth=T,
        params={"service_id": "{{serviceId}}"},
        checks=['pm.expect(json.status).to.eql("active");'],
    ),
    Step(
        "7 Tjänster",
        "Skapa ett paket",
        "POST /services",
        auth=T,
        body={
            "title": "Fem sessioner {{runId}}",
            "kind": "package",
            "duration_minutes": 60,
            "price_cents": 180000,
        },
        expect=(201,),
        capture={"packageId": "json.id"},
    ),
    Step(
        "7 Tjänster",
        "Paketets villkor",
        "PUT /services/{service_id}/package",
        auth=T,
        params={"service_id": "{{packageId}}"},
        body={"sessions_count": 5, "valid_months": 6},
    ),
    Step(
        "7 Tjänster",
        "Publicera paketet",
        "POST /services/{service_id}/publish",
        auth=T,
        params={"service_id": "{{packageId}}"},
    ),
    Step(
        "7 Tjänster",
        "Skapa en tjänst att arkivera",
        "POST /services",
        auth=T,
        body={
            "title": "Gammal läsning",
            "kind": "reading",
            "duration_minutes": 30,
            "price_cents": 30000,
        },
        expect=(201,),
        capture={"service3Id": "json.id"},
    ),
    Step(
        "7 Tjänster",
        "Arkivera den",
        "POST /services/{service_id}/archive",
        auth=T,
        params={"service_id": "{{service3Id}}"},
        checks=['pm.expect(json.status).to.eql("archived");'],
    ),
    Step("7 Tjänster", "Tjänstekatalogen", "GET /services", query={"teacher_id": "{{teacherId}}"}),
    Step(
        "7 Tjänster",
        "En tjänst",
        "GET /services/{service_id}",
        params={"service_id": "{{serviceId}}"},
    ),
    # ---- 8. Beställning och betalning --------------------------------------------------
    Step(
        "8 Beställning",
        "Eleven beställer tjänsten",
        "POST /orders",
        auth=S,
        body={"item_kind": "service", "service_id": "{{serviceId}}", "note": "Gärna kvällstid."},
        expect=(201,),
        capture={"orderId": "json.id"},
        checks=['pm.expect(json.status).to.eql("pending");'],
    ),
    Step(
        "8 Beställning",
        "Till kassan",
        "POST /payments/stripe/create-session",
        auth=S,
        body={"order_id": "{{orderId}}"},
        capture={"sessionId": "json.session_id"},
        checks=['pm.expect(json.provider).to.eql("dummy");'],
    ),
    Step(
        "8 Beställning",
        "Kassasidan (dummy)",
        "GET /payments/dummy/checkout/{session_id}",
        params={"session_id": "{{sessionId}}"},
    ),
    Step(
        "8 Beställning",
        "Betala (dummy)",
        "POST /payments/dummy/checkout/{session_id}/pay",
        params={"session_id": "{{sessionId}}"},
        expect=(303,),
        follow_redirects=False,
    ),
    Step("8 Beställning", "Sidan efter betalning", "GET /payments/checkout/success"),
    Step("8 Beställning", "Sidan efter avbruten betalning", "GET /payments/checkout/canceled"),
    Step(
        "8 Beställning",
        "Ordern är betald",
        "GET /orders/{order_id}",
        auth=S,
        params={"order_id": "{{orderId}}"},
        checks=['pm.expect(json.status).to.eql("paid");'],
    ),
    Step(
        "8 Beställning",
        "Orderns betalningar",
        "GET /orders/{order_id}/payments",
        auth=S,
        params={"order_id": "{{orderId}}"},
        checks=["pm.expect(json.length).to.eql(1);"],
    ),
    Step(
        "8 Beställning",
        "Kvittot (PDF)",
        "GET /orders/{order_id}/receipt",
        auth=S,
        params={"order_id": "{{orderId}}"},
    ),
    Step("8 Beställning", "Mina beställningar", "GET /orders", auth=S),
    Step(
        "8 Beställning",
        "Admin: sök beställningar",
        "GET /admin/orders",
        auth=A,
        query={"buyer_id": "{{studentId}}", "status": "paid"},
        checks=['pm.expect(json.items[0].id).to.eql(pm.collectionVariables.get("orderId"));'],
    ),
    Step(
        "8 Beställning",
        "Läraren levererar",
        "POST /orders/{order_id}/fulfil",
        auth=T,
        params={"order_id": "{{orderId}}"},
        checks=['pm.expect(json.status).to.eql("fulfilled");'],
    ),
    Step(
        "8 Beställning",
        "Läraren återbetalar en del",
        "POST /orders/{order_id}/refund",
        auth=T,
        params={"order_id": "{{orderId}}"},
        body={"amount_cents": 5000, "reason": "Sessionen blev kortare."},
        expect=(202,),
    ),
    Step(
        "8 Beställning",
        "Eleven beställer den betalda kursen",
        "POST /orders",
        auth=S,
        body={"item_kind": "course", "course_id": "{{course2Id}}"},
        expect=(201,),
        capture={"order2Id": "json.id"},
    ),
    Step(
        "8 Beställning",
        "…och ångrar sig",
        "POST /orders/{order_id}/cancel",
        auth=S,
        params={"order_id": "{{order2Id}}"},
        checks=['pm.expect(json.status).to.eql("canceled");'],
    ),
    Step(
        "8 Beställning",
        "Eleven köper paketet",
        "POST /orders",
        auth=S,
        body={"item_kind": "service", "service_id": "{{packageId}}"},
        expect=(201,),
        capture={"packageOrderId": "json.id"},
    ),
    Step(
        "8 Beställning",
        "Till kassan för paketet",
        "POST /payments/stripe/create-session",
        auth=S,
        body={"order_id": "{{packageOrderId}}"},
        capture={"packageSessionId": "json.session_id"},
    ),
    Step(
        "8 Beställning",
        "Betala paketet (dummy)",
        "POST /payments/dummy/checkout/{session_id}/pay",
        params={"session_id": "{{packageSessionId}}"},
        expect=(303,),
        follow_redirects=False,
    ),
    Step(
        "8 Beställning",
        "Webbhook utan signatur avvisas",
        "POST /webhooks/stripe",
        body={"id": "evt_test", "type": "checkout.session.completed"},
        expect=(400,),
        checks=['pm.expect(json.error).to.eql("invalid_signature");'],
    ),
    # ---- 9. Recensioner -------------------------------------------------------------------
    Step(
        "9 Recensioner",
        "Eleven recenserar tjänsten",
        "POST /services/{service_id}/reviews",
        auth=S,
        params={"service_id": "{{serviceId}}"},
        body={"rating": 5, "body": "Lugn och trygg session."},
        expect=(201,),
        capture={"reviewId": "json.id"},
    ),
    Step(
        "9 Recensioner",
        "Ändra recensionen",
        "PATCH /services/{service_id}/reviews/{review_id}",
        auth=S,
        params={"service_id": "{{serviceId}}", "review_id": "{{reviewId}}"},
        body={"body": "Lugn och trygg session. Rekommenderas!"},
    ),
    Step(
        "9 Recensioner",
        "Tjänstens recensioner",
        "GET /services/{service_id}/reviews",
        params={"service_id": "{{serviceId}}"},
    ),
    # ---- 10. Bokningar ----------------------------------------------------------------
    Step(
        "10 Bokningar",
        "Läraren öppnar sin kalender",
        "PUT /me/availability",
        auth=T,
        body={
            "buffer_minutes": 0,
            "min_notice_minutes": 0,
            "max_days_ahead": 30,
            "cancellation_window_hours": 720,
            "meeting_url": "https://meet.example.se/wisdom",
            "weekly": [{"weekday": d, "start": "00:00", "end": "24:00"} for d in range(1, 8)],
        },
    ),
    Step("10 Bokningar", "Min kalender", "GET /me/availability", auth=T),
    Step(
        "10 Bokningar",
        "Stäng en dag",
        "POST /me/availability/exceptions",
        auth=T,
        prerequest=[
            'pm.collectionVariables.set("closedDay", '
            "new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10));"
        ],
        body={"date": "{{closedDay}}", "kind": "closed", "note": "Ledig"},
        expect=(201,),
        capture={"exceptionId": "json.id"},
    ),
    Step(
        "10 Bokningar",
        "Öppna dagen igen",
        "DELETE /me/availability/exceptions/{exception_id}",
        auth=T,
        params={"exception_id": "{{exceptionId}}"},
        expect=(204,),
    ),
    Step(
        "10 Bokningar",
        "Mina klippkort",
        "GET /me/credits",
        auth=S,
        checks=["pm.expect(json.usable_credits).to.eql(5);"],
    ),
    Step(
        "10 Bokningar",
        "Lediga tider",
        "GET /teachers/{teacher_id}/slots",
        params={"teacher_id": "{{teacherId}}"},
        query={"service_id": "{{serviceId}}"},
        checks=[
            "pm.expect(json.slots.length).to.be.above(10);",
            "const first = json.slots[1];",
            "const later = json.slots.find(s => new Date(s.start_utc) >= "
            "new Date(new Date(first.start_utc).getTime() + 3 * 3600000));",
            'pm.collectionVariables.set("slotStart", first.start);',
            'pm.collectionVariables.set("slotStart2", later.start);',
        ],
    ),
    Step(
        "10 Bokningar",
        "Boka med ett klipp",
        "POST /bookings",
        auth=S,
        body={"service_id": "{{serviceId}}", "slot_start": "{{slotStart}}", "use_credit": True},
        expect=(201,),
        capture={"bookingId": "json.id"},
    ),
    Step("10 Bokningar", "Mina bokningar", "GET /bookings", auth=S),
    Step(
        "10 Bokningar",
        "Bokningen",
        "GET /bookings/{booking_id}",
        auth=S,
        params={"booking_id": "{{bookingId}}"},
        checks=['pm.expect(json.status).to.eql("booked");'],
    ),
    Step(
        "10 Bokningar",
        "Läraren ändrar mötesrum",
        "PATCH /bookings/{booking_id}",
        auth=T,
        params={"booking_id": "{{bookingId}}"},
        body={"meeting_url": "https://meet.example.se/rum-2"},
    ),
    Step(
        "10 Bokningar",
        "Läraren flyttar tiden",
        "POST /bookings/{booking_id}/reschedule",
        auth=T,
        params={"booking_id": "{{bookingId}}"},
        body={"slot_start": "{{slotStart2}}"},
    ),
    Step(
        "10 Bokningar",
        "Närvaro innan start avvisas",
        "POST /bookings/{booking_id}/attendance",
        auth=T,
        params={"booking_id": "{{bookingId}}"},
        body={"status": "completed"},
        expect=(409,),
        checks=['pm.expect(json.error).to.eql("booking_not_started");'],
    ),
    Step(
        "10 Bokningar",
        "Eleven avbokar sent",
        "POST /bookings/{booking_id}/cancel",
        auth=S,
        params={"booking_id": "{{bookingId}}"},
        body={"reason": "Jag är sjuk."},
        checks=['pm.expect(json.status).to.eql("canceled");'],
    ),
    Step(
        "10 Bokningar",
        "Läraren ger tillbaka klippet",
        "POST /bookings/{booking_id}/refund",
        auth=T,
        params={"booking_id": "{{bookingId}}"},
    ),
    # ---- 11. Seminarier ----------------------------------------------------------------
    Step(
        "11 Seminarier",
        "Läraren schemalägger ett seminarium",
        "POST /seminars",
        auth=T,
        prerequest=[iso_in("seminarStart", 5 * 60_000)],
        body={
            "title": "Kvällsmeditation {{runId}}",
            "description": "Guidad meditation.",
            "starts_at": "{{seminarStart}}",
            "duration_minutes": 45,
            "capacity": 20,
        },
        expect=(201,),
        capture={"seminarId": "json.id"},
    ),
    Step(
        "11 Seminarier",
        "Ändra seminariet",
        "PATCH /seminars/{seminar_id}",
        auth=T,
        params={"seminar_id": "{{seminarId}}"},
        body={"description": "Guidad meditation i grupp."},
    ),
    Step(
        "11 Seminarier",
        "Sätt seminariets omslagsbild",
        "PUT /seminars/{seminar_id}/cover",
        auth=T,
        params={"seminar_id": "{{seminarId}}"},
        body={"media_id": "{{coverId}}"},
    ),
    Step("11 Seminarier", "Kommande seminarier", "GET /seminars"),
    Step(
        "11 Seminarier",
        "Seminariet",
        "GET /seminars/{seminar_id}",
        params={"seminar_id": "{{seminarId}}"},
    ),
    Step(
        "11 Seminarier",
        "Eleven tar en plats",
        "POST /seminars/{seminar_id}/register",
        auth=S,
        params={"seminar_id": "{{seminarId}}"},
        expect=(201,),
        checks=['pm.expect(json.status).to.eql("seated");'],
    ),
    Step(
        "11 Seminarier",
        "Deltagarlistan",
        "GET /seminars/{seminar_id}/attendees",
        auth=T,
        params={"seminar_id": "{{seminarId}}"},
    ),
    Step(
        "11 Seminarier",
        "Token till videorummet",
        "POST /sfu/token",
        auth=S,
        body={"seminar_id": "{{seminarId}}"},
        checks=['pm.expect(json.role).to.eql("attendee");'],
    ),
    Step(
        "11 Seminarier",
        "LiveKit-webbhook utan signatur avvisas",
        "POST /webhooks/livekit",
        body={"event": "room_started"},
        expect=(401,),
        checks=['pm.expect(json.error).to.eql("invalid_signature");'],
    ),
    Step(
        "11 Seminarier",
        "Ett litet seminarium",
        "POST /seminars",
        auth=T,
        prerequest=[iso_in("seminar2Start", 2 * 86_400_000)],
        body={
            "title": "Samtal en-till-en {{runId}}",
            "starts_at": "{{seminar2Start}}",
            "duration_minutes": 30,
            "capacity": 1,
        },
        expect=(201,),
        capture={"seminar2Id": "json.id"},
    ),
    Step(
        "11 Seminarier",
        "Eleven tar den enda platsen",
        "POST /seminars/{seminar_id}/register",
        auth=S,
        params={"seminar_id": "{{seminar2Id}}"},
        expect=(201,),
    ),
    Step(
        "11 Seminarier",
        "Elev två ställer sig i kö",
        "POST /seminars/{seminar_id}/waitlist",
        auth=S2,
        params={"seminar_id": "{{seminar2Id}}"},
        expect=(201,),
        checks=["pm.expect(json.position).to.eql(1);"],
    ),
    Step(
        "11 Seminarier",
        "Elev två lämnar kön",
        "DELETE /seminars/{seminar_id}/waitlist",
        auth=S2,
        params={"seminar_id": "{{seminar2Id}}"},
        expect=(204,),
    ),
    Step(
        "11 Seminarier",
        "Eleven lämnar sin plats",
        "DELETE /seminars/{seminar_id}/registration",
        auth=S,
        params={"seminar_id": "{{seminar2Id}}"},
        checks=['pm.expect(json.status).to.eql("canceled");'],
    ),
    Step(
        "11 Seminarier",
        "Läraren ställer in",
        "POST /seminars/{seminar_id}/cancel",
        auth=T,
        params={"seminar_id": "{{seminar2Id}}"},
        body={"reason": "Jag är förkyld."},
        checks=['pm.expect(json.status).to.eql("canceled");'],
    ),
    # ---- 12. Gemenskap -----------------------------------------------------------------
    Step(
        "12 Gemenskap",
        "Eleven skriver på väggen",
        "POST /wall/posts",
        auth=S,
        body={"body": "Tack för kvällens meditation!"},
        expect=(201,),
        capture={"postId": "json.id"},
    ),
    Step("12 Gemenskap", "Väggen", "GET /wall/posts", auth=S2),
    Step(
        "12 Gemenskap",
        "Inlägget",
        "GET /wall/posts/{post_id}",
        auth=S2,
        params={"post_id": "{{postId}}"},
    ),
    Step(
        "12 Gemenskap",
        "Ändra inlägget",
        "PATCH /wall/posts/{post_id}",
        auth=S,
        params={"post_id": "{{postId}}"},
        body={"body": "Tack för kvällens meditation, Astrid!"},
    ),
    Step(
        "12 Gemenskap",
        "Elev två kommenterar",
        "POST /wall/posts/{post_id}/comments",
        auth=S2,
        params={"post_id": "{{postId}}"},
        body={"body": "Håller med!"},
        expect=(201,),
        capture={"commentId": "json.id"},
    ),
    Step(
        "12 Gemenskap",
        "Kommentarerna",
        "GET /wall/posts/{post_id}/comments",
        auth=S,
        params={"post_id": "{{postId}}"},
    ),
    Step(
        "12 Gemenskap",
        "Ändra kommentaren",
        "PATCH /wall/comments/{comment_id}",
        auth=S2,
        params={"comment_id": "{{commentId}}"},
        body={"body": "Håller verkligen med!"},
    ),
    Step(
        "12 Gemenskap",
        "Gilla inlägget",
        "PUT /wall/posts/{post_id}/reactions/{kind}",
        auth=S2,
        params={"post_id": "{{postId}}", "kind": "love"},
    ),
    Step(
        "12 Gemenskap",
        "Ta bort gillandet",
        "DELETE /wall/posts/{post_id}/reactions/{kind}",
        auth=S2,
        params={"post_id": "{{postId}}", "kind": "love"},
    ),
    Step(
        "12 Gemenskap",
        "Gilla kommentaren",
        "PUT /wall/comments/{comment_id}/reactions/{kind}",
        auth=S,
        params={"comment_id": "{{commentId}}", "kind": "grateful"},
    ),
    Step(
        "12 Gemenskap",
        "Ta bort det",
        "DELETE /wall/comments/{comment_id}/reactions/{kind}",
        auth=S,
        params={"comment_id": "{{commentId}}", "kind": "grateful"},
    ),
    Step(
        "12 Gemenskap",
        "Läraren fäster inlägget",
        "POST /wall/posts/{post_id}/pin",
        auth=T,
        params={"post_id": "{{postId}}"},
    ),
    Step(
        "12 Gemenskap",
        "…och lossar det",
        "DELETE /wall/posts/{post_id}/pin",
        auth=T,
        params={"post_id": "{{postId}}"},
    ),
    Step(
        "12 Gemenskap",
        "Anmäl inlägget",
        "POST /wall/posts/{post_id}/report",
        auth=S2,
        params={"post_id": "{{postId}}"},
        body={"reason": "Test av anmälan"},
        expect=(201,),
        capture={"postReportId": "json.id"},
    ),
    Step(
        "12 Gemenskap",
        "Anmäl kommentaren",
        "POST /wall/comments/{comment_id}/report",
        auth=S,
        params={"comment_id": "{{commentId}}"},
        body={"reason": "Test av anmälan"},
        expect=(201,),
        capture={"commentReportId": "json.id"},
    ),
    Step(
        "12 Gemenskap", "Admin: anmälningar", "GET /admin/reports", auth=A, query={"status": "open"}
    ),
    Step(
        "12 Gemenskap",
        "Admin behåller inlägget",
        "POST /admin/reports/{report_id}/restore",
        auth=A,
        params={"report_id": "{{postReportId}}"},
    ),
    Step(
        "12 Gemenskap",
        "Admin tar bort kommentaren",
        "POST /admin/reports/{report_id}/remove",
        auth=A,
        params={"report_id": "{{commentReportId}}"},
    ),
    Step(
        "12 Gemenskap",
        "Ny kommentar",
        "POST /wall/posts/{post_id}/comments",
        auth=S,
        params={"post_id": "{{postId}}"},
        body={"body": "Skrev fel."},
        expect=(201,),
        capture={"comment2Id": "json.id"},
    ),
    Step(
        "12 Gemenskap",
        "Ta bort min kommentar",
        "DELETE /wall/comments/{comment_id}",
        auth=S,
        params={"comment_id": "{{comment2Id}}"},
        expect=(204,),
    ),
    Step(
        "12 Gemenskap",
        "Ett inlägg till",
        "POST /wall/posts",
        auth=S,
        body={"body": "Ett utkast som ska bort."},
        expect=(201,),
        capture={"post2Id": "json.id"},
    ),
    Step(
        "12 Gemenskap",
        "Ta bort inlägget",
        "DELETE /wall/posts/{post_id}",
        auth=S,
        params={"post_id": "{{post2Id}}"},
        expect=(204,),
    ),
    # ---- 13. Meddelanden -----------------------------------------------------------------
    Step(
        "13 Meddelanden",
        "Eleven skriver till läraren",
        "POST /conversations",
        auth=S,
        body={"user_id": "{{teacherId}}"},
        expect=(201, 200),
        capture={"conversationId": "json.id"},
    ),
    Step(
        "13 Meddelanden",
        "Skicka ett meddelande",
        "POST /conversations/{conversation_id}/messages",
        auth=S,
        params={"conversation_id": "{{conversationId}}"},
        body={"body": "Hej! Har du tid för en session nästa vecka?"},
        expect=(201,),
        capture={"messageId": "json.id"},
    ),
    Step(
        "13 Meddelanden",
        "Lärarens samtal",
        "GET /conversations",
        auth=T,
        checks=["pm.expect(json.items[0].unread_count).to.eql(1);"],
    ),
    Step(
        "13 Meddelanden",
        "Samtalet",
        "GET /conversations/{conversation_id}",
        auth=T,
        params={"conversation_id": "{{conversationId}}"},
    ),
    Step(
        "13 Meddelanden",
        "Meddelandena",
        "GET /conversations/{conversation_id}/messages",
        auth=T,
        params={"conversation_id": "{{conversationId}}"},
    ),
    Step(
        "13 Meddelanden",
        "Markera som läst",
        "POST /conversations/{conversation_id}/read",
        auth=T,
        params={"conversation_id": "{{conversationId}}"},
    ),
    Step(
        "13 Meddelanden",
        "Anmäl meddelandet",
        "POST /messages/{message_id}/report",
        auth=T,
        params={"message_id": "{{messageId}}"},
        body={"reason": "Test av anmälan"},
        expect=(201,),
    ),
    Step(
        "13 Meddelanden",
        "Blockera elev två",
        "POST /blocks",
        auth=S,
        body={"user_id": "{{student2Id}}"},
        expect=(201, 200),
    ),
    Step("13 Meddelanden", "Mina blockeringar", "GET /blocks", auth=S),
    Step(
        "13 Meddelanden",
        "Häv blockeringen",
        "DELETE /blocks/{user_id}",
        auth=S,
        params={"user_id": "{{student2Id}}"},
        expect=(204,),
    ),
    # ---- 14. Notiser och flöde ------------------------------------------------------------
    Step("14 Notiser och flöde", "Lärarens notiser", "GET /notifications", auth=T),
    Step("14 Notiser och flöde", "Markera alla lästa", "POST /notifications/read", auth=T, body={}),
    Step(
        "14 Notiser och flöde",
        "Flödet",
        "GET /feed",
        auth=S,
        checks=[
            "pm.expect(json.items.map(i => i.subject_id))"
            '.to.include(pm.collectionVariables.get("seminarId"));'
        ],
    ),
    Step(
        "14 Notiser och flöde",
        "Händelseström med ogiltig token",
        "GET /feed/stream",
        query={"access_token": "ogiltig"},
        expect=(401,),
    ),
    # ---- 15. Utbetalningar ---------------------------------------------------------------
    Step(
        "15 Utbetalningar",
        "Koppla utbetalningar",
        "POST /payouts/stripe/onboard",
        auth=T,
        capture={"accountId": "json.account_id"},
    ),
    Step(
        "15 Utbetalningar",
        "Anslutningssidan (dummy)",
        "GET /payouts/dummy/onboard/{account_id}",
        params={"account_id": "{{accountId}}"},
    ),
    Step(
        "15 Utbetalningar",
        "Slutför anslutningen (dummy)",
        "POST /payouts/dummy/onboard/{account_id}/complete",
        params={"account_id": "{{accountId}}"},
        expect=(303,),
        follow_redirects=False,
    ),
    Step("15 Utbetalningar", "Klart-sidan", "GET /payouts/onboarding/done"),
    Step("15 Utbetalningar", "Länken gick ut-sidan", "GET /payouts/onboarding/refresh"),
    Step("15 Utbetalningar", "Utbetalningsstatus", "GET /payouts/status", auth=T),
    Step(
        "15 Utbetalningar",
        "Månadens sammanställning",
        "GET /payouts/statement",
        auth=T,
        prerequest=['pm.collectionVariables.set("month", new Date().toISOString().slice(0, 7));'],
        query={"month": "{{month}}"},
    ),
    # ---- 16. Integritet och avslut --------------------------------------------------------
    Step(
        "16 Integritet",
        "Ladda ner mina uppgifter",
        "GET /me/export",
        auth=S,
        checks=['pm.expect(pm.response.headers.get("Content-Type")).to.eql("application/zip");'],
    ),
    Step(
        "16 Integritet",
        "Elev två raderar sitt konto",
        "DELETE /me",
        auth=S2,
        body={"password": "{{password}}-ny"},
        expect=(204,),
    ),
    Step(
        "16 Integritet",
        "Läraren loggar ut överallt",
        "POST /auth/logout-all",
        auth=T,
        expect=(204,),
    ),
]


def _url(step: Step) -> dict[str, Any]:
    path = step.path
    for name, value in step.params.items():
        if "{" + name + "}" not in path:
            raise SystemExit(f"build_postman: {step.operation} has no path parameter {name!r}")
        path = path.replace("{" + name + "}", value)
    if "{" in path.replace("{{", "").replace("}}", ""):
        raise SystemExit(
            f"build_postman: {step.operation} leaves a path parameter unfilled: {path}"
        )
    query = [{"key": k, "value": v} for k, v in step.query.items()]
    raw = (
        "{{baseUrl}}"
        + path
        + ("?" + "&".join(f"{q['key']}={q['value']}" for q in query) if query else "")
    )
    url: dict[str, Any] = {"raw": raw, "host": ["{{baseUrl}}"], "path": path.strip("/").split("/")}
    if query:
        url["query"] = query
    return url


def _tests(step: Step) -> list[str]:
    codes = ", ".join(str(c) for c in step.expect)
    lines = [
        f'pm.test("HTTP {" eller ".join(str(c) for c in step.expect)}", function () {{',
        f"  pm.expect(pm.response.code).to.be.oneOf([{codes}]);",
        "});",
        'const isJson = (pm.response.headers.get("Content-Type") || "").includes("json");',
        "const json = isJson && pm.response.text() ? pm.response.json() : null;",
    ]
    if any(c >= 400 for c in step.expect):
        lines += [
            'pm.test("felsvar med error och detail", function () {',
            "  pm.expect(json).to.have.property('error');",
            "  pm.expect(json).to.have.property('detail');",
            "});",
        ]
    for var, expr in step.capture.items():
        lines.append(f'if (json) {{ pm.collectionVariables.set("{var}", {expr}); }}')
    if step.checks:
        lines += [
            'pm.test("svaret stämmer", function () {',
            *("  " + c for c in step.checks),
            "});",
        ]
    return lines


def _item(step: Step) -> dict[str, Any]:
    headers = []
    if step.auth:
        headers.append({"key": "Authorization", "value": "Bearer {{" + step.auth + "}}"})
    request: dict[str, Any] = {
        "method": step.method,
        "header": headers,
        "url": _url(step),
        "description": f"OpenAPI: `{step.operation}`",
    }
    if step.body is not None:
        headers.append({"key": "Content-Type", "value": "application/json"})
        request["body"] = {
            "mode": "raw",
            "raw": json.dumps(step.body, ensure_ascii=False, indent=2),
            "options": {"raw": {"language": "json"}},
        }
    if step.form is not None:
        request["body"] = {"mode": "formdata", "formdata": step.form}
    events = [{"listen": "test", "script": {"type": "text/javascript", "exec": _tests(step)}}]
    if step.prerequest:
        events.insert(
            0,
            {
                "listen": "prerequest",
                "script": {"type": "text/javascript", "exec": step.prerequest},
            },
        )
    item: dict[str, Any] = {
        "name": f"{step.operation} · {step.title}",
        "request": request,
        "event": events,
    }
    if not step.follow_redirects:
        item["protocolProfileBehavior"] = {"followRedirects": False}
    return item


VARIABLES = [
    "runId",
    "teacherToken",
    "teacherId",
    "studentToken",
    "studentId",
    "student2Token",
    "student2Id",
    "adminToken",
    "studentRefresh",
    "studentRefresh2",
    "studentDeviceToken",
]


def build_collection() -> dict[str, Any]:
    folders: dict[str, list[dict[str, Any]]] = {}
    for step in STEPS:
        folders.setdefault(step.folder, []).append(_item(step))
    return {
        "info": {
            "name": "Wisdom API",
            "description": (
                "Every endpoint of the Wisdom API, in the order a tester clicks through the "
                "platform. Generated by scripts/build_postman.py from the live OpenAPI schema and "
                "hand-written examples; run it with `make postman` (newman against a fresh API). "
                "Set baseUrl, adminEmail and adminPassword in the environment "
                "(postman/wisdom.postman_environment.json)."
            ),
            "schema": SCHEMA,
        },
        "item": [{"name": name, "item": items} for name, items in folders.items()],
        "variable": [{"key": k, "value": ""} for k in VARIABLES],
    }


def build_environment() -> dict[str, Any]:
    return {
        "name": "Wisdom lokalt",
        "values": [
            {"key": "baseUrl", "value": "http://127.0.0.1:8000", "enabled": True},
            {"key": "adminEmail", "value": "admin@wisdom.local", "enabled": True},
            {
                "key": "adminPassword",
                "value": "wisdom-demo-2026",
                "type": "secret",
                "enabled": True,
            },
            {"key": "password", "value": "postman-Lösen-2026", "type": "secret", "enabled": True},
        ],
        "_postman_variable_scope": "environment",
    }


def openapi_operations() -> set[str]:
    import os

    os.environ.setdefault("ENVIRONMENT", "development")
    from app.config import Settings
    from app.main import create_app

    spec = create_app(Settings(environment="development")).openapi()
    return {f"{method.upper()} {path}" for path, ops in spec["paths"].items() for method in ops}


def check_coverage() -> None:
    in_steps = {s.operation for s in STEPS}
    live = openapi_operations()
    missing, unknown = live - in_steps, in_steps - live
    if missing or unknown:
        raise SystemExit(
            "build_postman: the steps do not match the OpenAPI schema\n"
            + "".join(f"  missing: {op}\n" for op in sorted(missing))
            + "".join(f"  unknown: {op}\n" for op in sorted(unknown))
        )


def write_fixture_files() -> None:
    """Tiny files the upload requests send (their type is read from the bytes)."""
    FILES.mkdir(parents=True, exist_ok=True)
    filler = bytes(i % 251 for i in range(4096))
    mp3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + filler[10:]
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + filler[16:]
    for name, content in (("andning.mp3", mp3), ("avatar.png", png)):
        if not (FILES / name).exists() or (FILES / name).read_bytes() != content:
            (FILES / name).write_bytes(content)


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    check_coverage()
    outputs = {COLLECTION: render(build_collection()), ENVIRONMENT: render(build_environment())}
    if "--check" in argv:
        stale = [p.name for p, text in outputs.items() if not p.exists() or p.read_text() != text]
        if stale:
            print(f"build_postman: stale {', '.join(stale)}; run scripts/build_postman.py")
            return 1
        print("build_postman: up to date")
        return 0
    write_fixture_files()
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    print(
        f"build_postman: {len(STEPS)} requests covering every OpenAPI operation -> {COLLECTION.name}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
