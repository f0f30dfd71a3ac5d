"""The HTML pages the API renders send a Content-Security-Policy that allows no script, forbid
framing and sniffing; /docs, /redoc and /openapi.json can be turned off."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest

from app.config import Settings
from app.htmlpages import content_security_policy, url_source
from app.main import create_app
from tests.conftest import MakeUser
from tests.courses.helpers import build_course, enroll
from tests.marketplace_helpers import place_order, published_service


def policy(response: httpx.Response) -> dict[str, str]:
    directives = response.headers["content-security-policy"].split(";")
    return {d.split()[0]: " ".join(d.split()[1:]) for d in directives if d.strip()}


def assert_locked_page(response: httpx.Response, form_action: str = "'none'") -> None:
    assert response.headers["content-type"].startswith("text/html")
    csp = policy(response)
    assert csp["default-src"] == "'none'"  # no script, image, frame or connection of any kind
    assert (
        "script-src" not in csp and "unsafe-eval" not in response.headers["content-security-policy"]
    )
    assert csp["frame-ancestors"] == "'none'"
    assert csp["base-uri"] == "'none'"
    assert csp["form-action"] == form_action
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


async def test_checkout_pages_are_locked_down(
    client: httpx.AsyncClient, make_user: MakeUser, settings: Settings
) -> None:
    teacher = await make_user("teacher")
    buyer = await make_user("student")
    service = await published_service(client, teacher)
    order = await place_order(client, buyer, service["id"])
    session = await client.post(
        "/payments/stripe/create-session", json={"order_id": order["id"]}, headers=buyer.headers
    )
    assert session.status_code == 200 and session.json()["provider"] == "dummy"
    page = await client.get(f"/payments/dummy/checkout/{session.json()['session_id']}")
    assert page.status_code == 200 and "Betala (testläge)" in page.text
    # The form posts to this API, which redirects to the success page (CHECKOUT_SUCCESS_URL).
    success_origin = url_source(settings.checkout_success_url)
    assert success_origin == "http://127.0.0.1:8000"
    assert_locked_page(page, form_action=f"'self' {success_origin}")

    for path in (
        "/payments/checkout/success?order_id=x",
        f"/payments/checkout/canceled?order_id={order['id']}",
    ):
        r = await client.get(path)
        assert r.status_code == 200
        assert_locked_page(r)


async def test_onboarding_pages_are_locked_down(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    link = await client.post("/payouts/stripe/onboard", headers=teacher.headers)
    page = await client.get(f"/payouts/dummy/onboard/{link.json()['account_id']}")
    assert page.status_code == 200 and "Slutför (testläge)" in page.text
    assert_locked_page(page, form_action="'self' http://127.0.0.1:8000")
    for path in ("/payouts/onboarding/done", "/payouts/onboarding/refresh"):
        r = await client.get(path)
        assert r.status_code == 200
        assert_locked_page(r)


async def test_certificate_verification_page_is_locked_down(
    client: httpx.AsyncClient, make_user: MakeUser
) -> None:
    teacher = await make_user("teacher")
    student = await make_user("student", display_name="<script>alert(1)</script>")
    course = await build_course(client, teacher, lessons_per_module=1)
    await enroll(client, course.id, student)
    done = await client.post(f"/lessons/{course.lesson_ids[0]}/complete", headers=student.headers)
    certificate = await client.get(
        f"/certificates/{done.json()['certificate_id']}", headers=student.headers
    )
    code = certificate.json()["code"]
    r = await client.get(f"/certificates/verify/{code}", headers={"Accept": "text/html"})
    assert r.status_code == 200 and "Kursintyget är äkta" in r.text
    assert "<script>" not in r.text
    assert_locked_page(r)


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        (None, "'none'"),
        ([], "'self'"),
        (["/payments/checkout/success"], "'self'"),
        (
            ["https://wisdom.example/tack?x=1", "https://wisdom.example/b"],
            "'self' https://wisdom.example",
        ),
        (["wisdom://paid"], "'self' wisdom:"),
    ],
)
def test_form_action_allows_only_where_the_form_leads(
    targets: list[str] | None, expected: str
) -> None:
    assert f"form-action {expected};" in content_security_policy(targets)


@asynccontextmanager
async def app_client(settings: Settings, **overrides: object) -> AsyncIterator[httpx.AsyncClient]:
    application = create_app(
        settings.model_copy(update={"run_background_tasks": False, **overrides})
    )
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c


DOCS_PATHS = ("/docs", "/redoc", "/openapi.json", "/docs/static/swagger-ui.css")


async def test_api_docs_can_be_turned_off(settings: Settings, clean_db: None) -> None:
    async with app_client(settings) as on:
        for path in DOCS_PATHS:
            assert (await on.get(path)).status_code == 200, path
    async with app_client(settings, api_docs_enabled=False) as off:
        for path in DOCS_PATHS:
            r = await off.get(path)
            assert r.status_code == 404, path
            assert r.json()["error"] == "not_found"
        assert (await off.get("/health")).status_code == 200
