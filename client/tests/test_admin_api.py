"""The admin area's ApiClient calls against the running API: refused for others, applications,
certifications, users, orders and refunds, moderation, settings and the audit log."""

import asyncio
import secrets

import pytest

from tests.support.api_server import DEMO_PASSWORD, ApiServer
from tests.support.checkout import pay_on_checkout_page
from wisdom_app.api import ApiClient
from wisdom_app.errors import ApiError
from wisdom_app.storage import MemoryTokenStore


async def new_student(api_server: ApiServer, name: str) -> ApiClient:
    client = ApiClient(api_server.url, MemoryTokenStore())
    await client.register(f"{name.split()[0].lower()}-{secrets.token_hex(4)}@example.se", DEMO_PASSWORD, name)
    return client


async def test_admin_calls_are_refused_to_others_in_swedish(student: ApiClient, teacher: ApiClient) -> None:
    for client in (student, teacher):
        for call in (client.admin_users, client.admin_orders, client.admin_config, client.admin_reports):
            with pytest.raises(ApiError) as caught:
                await call()
            assert caught.value.status == 403
            assert caught.value.message == "Det här kan bara administratörer göra."


async def test_approve_and_reject_teacher_applications(api_server: ApiServer, admin: ApiClient) -> None:
    approved = await new_student(api_server, "Vera Lund")
    rejected = await new_student(api_server, "Olle Strand")
    try:
        mine = await approved.apply_as_teacher("Jag har lett meditationsgrupper i tio år.", "MBSR-lärare 2018")
        other = await rejected.apply_as_teacher("Jag vill gärna undervisa i tarot.")
        queue = (await admin.admin_applications())["items"]
        by_id = {a["id"]: a for a in queue}
        assert by_id[mine["id"]]["applicant"]["display_name"] == "Vera Lund"
        assert by_id[mine["id"]]["credentials"] == "MBSR-lärare 2018"
        assert other["id"] in by_id
        done = await admin.approve_application(mine["id"])
        assert done["status"] == "approved"
        assert (await approved.me())["role"] == "teacher"
        with pytest.raises(ApiError) as caught:
            await admin.approve_application(mine["id"])
        assert caught.value.message == "Ansökan är redan behandlad."
        await admin.reject_application(other["id"], "Beskriv gärna din utbildning.")
        seen = await rejected.request("GET", "/teacher-applications/mine")
        assert seen[0]["status"] == "rejected" and seen[0]["reject_reason"] == "Beskriv gärna din utbildning."
        assert (await rejected.me())["role"] == "student"
        remaining = {a["id"] for a in (await admin.admin_applications())["items"]}
        assert not {mine["id"], other["id"]} & remaining
    finally:
        await approved.aclose()
        await rejected.aclose()


async def test_verify_and_reject_certifications(teacher: ApiClient, admin: ApiClient) -> None:
    first = await teacher.request(
        "POST", "/teachers/me/certifications", json={"title": "Yin yoga 50 h", "issuer": "Yogaskolan", "year": 2021}
    )
    second = await teacher.request(
        "POST", "/teachers/me/certifications", json={"title": "Reiki I", "issuer": "Okänd", "year": 2019}
    )
    pending = {c["id"]: c for c in (await admin.admin_certifications())["items"]}
    assert pending[first["id"]]["teacher_display_name"] and second["id"] in pending
    assert (await admin.verify_certification(first["id"]))["status"] == "verified"
    assert (await admin.reject_certification(second["id"], "Intyget saknas."))["reject_reason"] == "Intyget saknas."
    with pytest.raises(ApiError) as caught:
        await admin.verify_certification(second["id"])
    assert caught.value.message == "Certifieringen är redan granskad."


async def test_find_a_user_change_role_disable_and_enable(api_server: ApiServer, admin: ApiClient) -> None:
    person = await new_student(api_server, "Kim Ahlberg")
    try:
        me = await person.me()
        found = (await admin.admin_users("kim ahlberg"))["items"]
        assert [u["id"] for u in found] == [me["id"]]
        assert (await admin.admin_user(me["id"]))["role"] == "student"
        assert (await admin.admin_update_user(me["id"], role="teacher"))["role"] == "teacher"
        assert [u["id"] for u in (await admin.admin_users("kim ahlberg", role="teacher"))["items"]] == [me["id"]]
        assert (await admin.admin_update_user(me["id"], disabled=True))["disabled"]
        assert me["id"] in {u["id"] for u in (await admin.admin_users("ahlberg", disabled=True))["items"]}
        with pytest.raises(ApiError) as caught:
            await person.login(me["email"], DEMO_PASSWORD)
        assert caught.value.message == "Kontot är avstängt. Kontakta oss om du tror att det är fel."
        assert not (await admin.admin_update_user(me["id"], disabled=False))["disabled"]
        await person.login(me["email"], DEMO_PASSWORD)
        own = await admin.me()
        with pytest.raises(ApiError) as caught:
            await admin.admin_update_user(own["id"], disabled=True)
        assert caught.value.message == "Du kan inte ändra din egen roll eller stänga av dig själv."
        log = (await admin.audit_log(actor=own["id"], action="user."))["items"]
        assert [e["action"] for e in log if e["subject_user_id"] == me["id"]][:3] == [
            "user.enable",
            "user.disable",
            "user.role_change",
        ]
    finally:
        await person.aclose()


async def test_search_orders_and_refund_part_then_the_rest(admin: ApiClient, student: ApiClient) -> None:
    package = next(s for s in (await student.services())["items"] if s["kind"] == "package")
    order = await student.create_order("service", str(package["id"]))
    session = await student.create_checkout(str(order["id"]))
    await pay_on_checkout_page(session["checkout_url"])
    maja = await student.me()
    for _ in range(50):
        if (await student.order(str(order["id"])))["status"] != "pending":
            break
        await asyncio.sleep(0.2)
    by_number = (await admin.admin_orders(str(order["order_number"])))["items"]
    assert [o["id"] for o in by_number] == [order["id"]] and by_number[0]["status"] in ("paid", "fulfilled")
    assert order["id"] in {o["id"] for o in (await admin.admin_orders(buyer_id=maja["id"]))["items"]}
    assert order["id"] in {o["id"] for o in (await admin.admin_orders("maja", status=by_number[0]["status"]))["items"]}
    refund = await admin.refund_order(str(order["id"]), 10000, "Kortare session")
    assert refund["amount_cents"] == 10000
    for _ in range(50):
        current = (await admin.admin_orders(str(order["order_number"])))["items"][0]
        if current["refunded_cents"] == 10000:
            break
        await asyncio.sleep(0.2)
    assert current["status"] == "partially_refunded"
    with pytest.raises(ApiError) as caught:
        await admin.refund_order(str(order["id"]), order["amount_cents"])
    assert caught.value.message == "Beloppet är större än det som går att återbetala."
    await admin.refund_order(str(order["id"]))  # the rest
    for _ in range(50):
        current = (await admin.admin_orders(str(order["order_number"])))["items"][0]
        if current["status"] == "refunded":
            break
        await asyncio.sleep(0.2)
    assert current["refunded_cents"] == order["amount_cents"]
    courses = (await admin.admin_user_courses(maja["id"]))["items"]
    assert courses == (await student.my_courses())["items"]


async def test_moderation_restores_and_removes_reported_posts(
    api_server: ApiServer, admin: ApiClient, student: ApiClient, teacher: ApiClient
) -> None:
    kept = await student.create_post("Tack för en fin kväll i går!")
    spam = await student.create_post("Köp billiga kristaller på min sida!!!")
    await teacher.report_post(kept["id"], "Jag tryckte fel")
    await teacher.report_post(spam["id"], "Reklam som inte hör hemma här")
    queue = {r["target"]["id"]: r for r in (await admin.admin_reports())["items"]}
    assert queue[spam["id"]]["reason"] == "Reklam som inte hör hemma här"
    assert queue[spam["id"]]["target"]["excerpt"].startswith("Köp billiga kristaller")
    assert (await admin.wall_post(spam["id"]))["body"] == spam["body"]
    assert (await admin.restore_report(queue[kept["id"]]["id"]))["status"] == "restored"
    assert (await admin.remove_report(queue[spam["id"]]["id"]))["status"] == "removed"
    with pytest.raises(ApiError) as caught:
        await admin.restore_report(queue[spam["id"]]["id"])
    assert caught.value.message == "Anmälan är redan hanterad."
    removed = {r["target"]["id"] for r in (await admin.admin_reports("removed"))["items"]}
    assert spam["id"] in removed


async def test_view_and_change_settings(admin: ApiClient) -> None:
    items = {e["key"]: e for e in (await admin.admin_config())["items"]}
    assert {"free_course_limit", "platform_fee_bps", "vat_rate_bps"} <= set(items)
    before = items["free_course_limit"]["value"]
    try:
        changed = {e["key"]: e for e in (await admin.update_admin_config({"free_course_limit": before + 2}))["items"]}
        assert changed["free_course_limit"]["value"] == before + 2
        assert (await admin.request("GET", "/config/free-course-limit"))["free_course_limit"] == before + 2
    finally:
        await admin.update_admin_config({"free_course_limit": before})
    with pytest.raises(ApiError) as caught:
        await admin.update_admin_config({"no_such_setting": 1})
    assert caught.value.status == 422
    assert caught.value.message == "Inställningen finns inte."
    entries = (await admin.audit_log(action="config."))["items"]
    assert entries and entries[0]["action"] == "config.update"


async def test_the_audit_log_filters_by_actor_and_kind(admin: ApiClient, student: ApiClient) -> None:
    own, maja = await admin.me(), await student.me()
    mine = (await admin.audit_log(actor=own["id"], action="auth.login"))["items"]
    assert mine and all(e["actor_id"] == own["id"] and e["action"] == "auth.login" for e in mine)
    theirs = (await admin.audit_log(actor=maja["id"], action="auth."))["items"]
    assert theirs and all(e["actor_id"] == maja["id"] and e["action"].startswith("auth.") for e in theirs)
