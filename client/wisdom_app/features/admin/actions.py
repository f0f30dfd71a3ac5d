"""The admin area's calls to the API: the review queues (teacher applications, certifications,
reported content), users, orders and refunds, platform settings and the audit log.

Loaders fill the screen's Remote (which keeps a failure's Swedish message); the changes raise
ApiError, which the screens show through frame.attempt; the fetches behind a dialog show
their failure themselves and return None."""

import asyncio

from wisdom_app import texts
from wisdom_app.api import Json
from wisdom_app.components import show_message
from wisdom_app.errors import ApiError
from wisdom_app.state import AppState, Remote

# ---------------------------------------------------------------------- teacher applications


async def load_applications(state: AppState, applications: Remote, status: str) -> None:
    await applications.load(lambda: state.api.admin_applications(status))


async def approve_application(state: AppState, application_id: str) -> None:
    await state.api.approve_application(application_id)


async def reject_application(state: AppState, application_id: str, reason: str) -> None:
    await state.api.reject_application(application_id, reason.strip())


# ---------------------------------------------------------------------- certifications


async def load_certifications(state: AppState, certifications: Remote, status: str) -> None:
    await certifications.load(lambda: state.api.admin_certifications(status))


async def verify_certification(state: AppState, certification_id: str) -> None:
    await state.api.verify_certification(certification_id)


async def reject_certification(state: AppState, certification_id: str, reason: str) -> None:
    await state.api.reject_certification(certification_id, reason.strip())


async def fetch_document(state: AppState, media_id: str) -> tuple[bytes, str] | None:
    """A certification's document and its content type; None (and the reason shown) if not."""
    try:
        return await state.api.media_file(media_id)
    except ApiError as exc:
        show_message(exc.message)
        return None


# ---------------------------------------------------------------------- users


async def load_users(
    state: AppState, users: Remote, query: str | None, role: str | None, disabled: bool | None
) -> None:
    await users.load(lambda: state.api.admin_users(query, role, disabled))


async def load_user(state: AppState, data: Remote, user_id: str) -> None:
    await data.load(lambda: _user_details(state, user_id))


async def _user_details(state: AppState, user_id: str) -> Json:
    """The user with their purchases, sales (teachers) and enrollments."""
    user, bought, sold, courses = await asyncio.gather(
        state.api.admin_user(user_id),
        state.api.admin_orders(buyer_id=user_id),
        state.api.admin_orders(seller_id=user_id),
        state.api.admin_user_courses(user_id),
    )
    return {"user": user, "bought": bought["items"], "sold": sold["items"], "courses": courses["items"]}


async def set_role(state: AppState, user_id: str, role: str) -> None:
    await state.api.admin_update_user(user_id, role=role)


async def set_disabled(state: AppState, user_id: str, disabled: bool) -> None:
    await state.api.admin_update_user(user_id, disabled=disabled)


# ---------------------------------------------------------------------- orders and refunds


async def load_orders(state: AppState, orders: Remote, query: str | None, status: str | None) -> None:
    await orders.load(lambda: state.api.admin_orders(query=query, status=status))


async def refund_order(state: AppState, order_id: str, cents: int | None, reason: str) -> None:
    """Refund `cents` of the order (None: all that is left)."""
    await state.api.refund_order(order_id, cents, reason.strip())


# ---------------------------------------------------------------------- moderation


async def load_reports(state: AppState, reports: Remote, status: str) -> None:
    await reports.load(lambda: state.api.admin_reports(status))


async def restore_report(state: AppState, report_id: str) -> None:
    await state.api.restore_report(report_id)


async def remove_report(state: AppState, report_id: str) -> None:
    await state.api.remove_report(report_id)


async def fetch_post(state: AppState, post_id: str) -> Json | None:
    """The whole reported post (admins see hidden posts too); None (and the reason shown) if not."""
    try:
        return await state.api.wall_post(post_id)
    except ApiError as exc:
        show_message(exc.message)
        return None


# ---------------------------------------------------------------------- settings


async def load_settings(state: AppState, config: Remote) -> None:
    await config.load(state.api.admin_config)


async def save_setting(state: AppState, key: str, value: int) -> None:
    await state.api.update_admin_config({key: value})


# ---------------------------------------------------------------------- audit log


async def load_audit(state: AppState, log: Remote, actor_id: str | None, action: str | None) -> None:
    """The log's first page: {"entries", "cursor", "names"}."""
    await log.load(lambda: _audit_page(state, actor_id, action, None))


async def load_more_audit(state: AppState, log: Remote, actor_id: str | None, action: str | None) -> None:
    """The next page of the log, added under the entries shown."""
    shown: Json = log.value or {}
    if not shown.get("cursor"):
        return
    try:
        page = await _audit_page(state, actor_id, action, shown["cursor"])
    except ApiError as exc:
        show_message(exc.message)
        return
    log.value = {
        "entries": [*shown["entries"], *page["entries"]],
        "cursor": page["cursor"],
        "names": {**shown["names"], **page["names"]},
    }


async def _audit_page(state: AppState, actor_id: str | None, action: str | None, cursor: str | None) -> Json:
    """A page of the log with the names of the people in it: {"entries", "cursor", "names"}."""
    page = await state.api.audit_log(actor_id, action, cursor)
    ids = {str(i) for e in page["items"] for i in (e.get("actor_id"), e.get("subject_user_id")) if i}

    async def name(user_id: str) -> tuple[str, str]:
        try:
            return user_id, str((await state.api.admin_user(user_id)).get("display_name", ""))
        except ApiError:
            return user_id, texts.DELETED_USER

    names = dict(await asyncio.gather(*(name(i) for i in ids)))
    return {"entries": page["items"], "cursor": page.get("next_cursor"), "names": names}


async def find_user(state: AppState, who: str) -> tuple[str, str] | None:
    """The first user whose e-mail or name matches, as (id, name); None (and why) if none."""
    try:
        found = await state.api.admin_users(who)
    except ApiError as exc:
        show_message(exc.message)
        return None
    if not found["items"]:
        show_message(texts.NO_USER_MATCHES)
        return None
    person = found["items"][0]
    return str(person["id"]), str(person["display_name"])
