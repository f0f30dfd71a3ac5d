"""The community wall ("Gemensam vägg"): posts, comments, reactions, reports and moderation.

Rules:
- Every signed-in user may post, comment and react; authors edit and delete their own posts and
  comments (admins may delete any); teachers and admins pin posts.
- A post is also a feed activity (kind 'wall_post', members only); edits, deletion and
  moderation keep that activity in step.
- Content reported by two different users is hidden (only admins and the author still see it)
  until an admin restores it or removes it; both acts resolve every open report of the target
  and are written to the audit log.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from app.audit import service as audit
from app.community import repository
from app.community.schemas import (
    Comment,
    CommentPage,
    Person,
    Post,
    PostCreate,
    PostPage,
    PostUpdate,
    ReactionState,
    Report,
    ReportPage,
    ReportReceipt,
    ReportTarget,
)
from app.db import Connection
from app.errors import BadRequest, Conflict, Forbidden, NotFound, Unprocessable
from app.feed import service as feed
from app.media import service as media
from app.messages import service as messages
from app.notifications import service as notifications
from app.pagination import decode_cursor, encode_cursor, split_page
from app.profiles import service as profiles
from app.security import AuthUser

HIDE_AFTER_REPORTERS = 2  # open reports from this many different users hide the content
POST_ACTIVITY = "post"  # the feed's subject_type of a wall post


# --- shared helpers ---------------------------------------------------------------------------


def _visible(row: Any, viewer: AuthUser) -> bool:
    return row["hidden_at"] is None or viewer.is_admin or row["author_id"] == viewer.id


def excerpt(text: str, length: int = 120) -> str:
    """The first words of a text on one line, for titles and notifications."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def _person(row: Any) -> Person:
    return Person(
        id=row["user_id"],
        display_name=row["display_name"],
        avatar_media_id=row["avatar_media_id"],
        role=row["role"],
    )


async def people(conn: Connection, user_ids: list[uuid.UUID]) -> dict[uuid.UUID, Person]:
    """Public identities of the given users (one query)."""
    rows = await profiles.get_rows(conn, user_ids)
    return {user_id: _person(row) for user_id, row in rows.items()}


def _time_id_cursor(cursor: str | None) -> tuple[datetime, uuid.UUID] | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    try:
        return datetime.fromisoformat(str(key["t"])), uuid.UUID(str(key["id"]))
    except (KeyError, ValueError) as exc:
        raise BadRequest("Invalid cursor", code="invalid_cursor") from exc


def _time_id_key(created_at: datetime, item_id: uuid.UUID) -> str:
    return encode_cursor({"t": created_at.isoformat(), "id": str(item_id)})


# --- posts ------------------------------------------------------------------------------------


async def wall_image_check(
    conn: Connection, media_id: uuid.UUID, user: AuthUser | None
) -> bool | None:
    """For the media domain (app.media.access): may the caller load a file used as a post's
    image? Members who can see one of the posts that use it may; anonymous callers get False
    (sign in); None when no post uses it or none is visible to the caller (hidden by
    moderation), so the file stays as unknown to them as the post."""
    posts = await repository.posts_with_image(conn, media_id)
    if not posts:
        return None
    if user is None:
        return False
    return True if any(_visible(row, user) for row in posts) else None


def _to_post(row: Any, authors: dict[uuid.UUID, Person]) -> Post:
    return Post(
        id=row["id"],
        author=authors[row["author_id"]],
        body=row["body"],
        image_media_id=row["image_media_id"],
        pinned=row["is_pinned"],
        pinned_at=row["pinned_at"],
        comment_count=row["comment_count"],
        reactions=row["reactions"],
        my_reactions=list(row["my_reactions"]),
        hidden=row["hidden_at"] is not None,
        removed=row["removed_at"] is not None,
        created_at=row["created_at"],
        edited_at=row["edited_at"],
    )


async def list_posts(
    conn: Connection, viewer: AuthUser, cursor: str | None, limit: int
) -> PostPage:
    after = _wall_cursor(cursor)
    rows = await repository.list_posts(conn, viewer.id, viewer.is_admin, after, limit + 1)
    page, more = split_page(rows, limit)
    authors = await people(conn, [r["author_id"] for r in page])
    next_cursor = None
    if more:
        last = page[-1]
        next_cursor = encode_cursor(
            {"p": last["is_pinned"], "t": last["created_at"].isoformat(), "id": str(last["id"])}
        )
    return PostPage(items=[_to_post(r, authors) for r in page], next_cursor=next_cursor)


def _wall_cursor(cursor: str | None) -> tuple[bool, datetime, uuid.UUID] | None:
    key = decode_cursor(cursor)
    if key is None:
        return None
    pinned = key.get("p")
    if not isinstance(pinned, bool):
        raise BadRequest("Invalid cursor", code="invalid_cursor")
    time_id = _time_id_cursor(cursor)
    assert time_id is not None  # noqa: S101 - the same cursor decoded above
    return pinned, *time_id


async def get_post(conn: Connection, viewer: AuthUser, post_id: uuid.UUID) -> Post:
    row = await repository.get_post(conn, viewer.id, viewer.is_admin, post_id)
    if row is None or not _visible(row, viewer):
        raise NotFound("No such post", code="post_not_found")
    return _to_post(row, await people(conn, [row["author_id"]]))


async def _locked_post(conn: Connection, viewer: AuthUser, post_id: uuid.UUID) -> Any:
    row = await repository.lock_post(conn, post_id)
    if row is None or not _visible(row, viewer):
        raise NotFound("No such post", code="post_not_found")
    return row


def _not_under_review(row: Any, what: str) -> None:
    if row["hidden_at"] is not None:
        raise Conflict(f"The {what} is hidden for moderation", code="under_moderation")


async def _check_image(conn: Connection, user: AuthUser, media_id: uuid.UUID | None) -> None:
    """A post's image is an image the author uploaded (POST /media): not another user's file
    (whose id would otherwise become readable by every member), not a made-up id, not an
    avatar (replacing the avatar deletes it) and not a document or a recording."""
    if media_id is None:
        return
    found = await media.get_media(conn, media_id)
    if found is None or found.owner_id != user.id or found.purpose == "avatar":
        raise Unprocessable(
            "image_media_id must be an image you uploaded with POST /media",
            code="invalid_image",
        )
    if not found.content_type.startswith("image/"):
        raise Unprocessable(
            f"image_media_id must be an image, not {found.content_type}", code="invalid_image"
        )


async def create_post(conn: Connection, user: AuthUser, data: PostCreate) -> Post:
    await _check_image(conn, user, data.image_media_id)
    post_id = await repository.insert_post(conn, user.id, data.body, data.image_media_id)
    await feed.record_activity(
        conn,
        actor_id=user.id,
        kind="wall_post",
        subject_type=POST_ACTIVITY,
        subject_id=post_id,
        subject_title=excerpt(data.body),
        summary=data.body[:1000],
        visibility="members",
    )
    return await get_post(conn, user, post_id)


async def update_post(
    conn: Connection, user: AuthUser, post_id: uuid.UUID, data: PostUpdate
) -> Post:
    row = await _locked_post(conn, user, post_id)
    if row["author_id"] != user.id:
        raise Forbidden("Only the author can edit a post", code="not_author")
    _not_under_review(row, "post")
    set_image = "image_media_id" in data.model_fields_set
    if set_image:
        await _check_image(conn, user, data.image_media_id)
    await repository.update_post(conn, post_id, data.body, set_image, data.image_media_id)
    if data.body is not None:
        await feed.update_subject(
            conn, POST_ACTIVITY, post_id, excerpt(data.body), data.body[:1000]
        )
    return await get_post(conn, user, post_id)


async def delete_post(conn: Connection, user: AuthUser, post_id: uuid.UUID, ip: str | None) -> None:
    row = await _locked_post(conn, user, post_id)
    if row["author_id"] != user.id and not user.is_admin:
        raise Forbidden("Only the author or an admin can delete a post", code="not_author")
    await repository.delete_post(conn, post_id)
    await feed.delete_subject(conn, POST_ACTIVITY, post_id)
    if row["author_id"] != user.id:
        await audit.record(
            conn,
            "community.post_delete",
            actor_id=user.id,
            subject_user_id=row["author_id"],
            object_type="post",
            object_id=str(post_id),
            ip=ip,
            meta={"excerpt": excerpt(row["body"], 200)},
        )


async def set_pinned(conn: Connection, user: AuthUser, post_id: uuid.UUID, pinned: bool) -> Post:
    """Teachers and admins pin and unpin (the router admits only them)."""
    row = await _locked_post(conn, user, post_id)
    if pinned:
        _not_under_review(row, "post")
    await repository.set_pinned(conn, post_id, user.id if pinned else None)
    return await get_post(conn, user, post_id)


# --- comments ---------------------------------------------------------------------------------


def _to_comment(row: Any, authors: dict[uuid.UUID, Person]) -> Comment:
    return Comment(
        id=row["id"],
        post_id=row["post_id"],
        author=authors[row["author_id"]],
        body=row["body"],
        reactions=row["reactions"],
        my_reactions=list(row["my_reactions"]),
        hidden=row["hidden_at"] is not None,
        removed=row["removed_at"] is not None,
        created_at=row["created_at"],
        edited_at=row["edited_at"],
    )


async def _visible_post_state(conn: Connection, viewer: AuthUser, post_id: uuid.UUID) -> Any:
    row = await repository.get_post_state(conn, post_id)
    if row is None or not _visible(row, viewer):
        raise NotFound("No such post", code="post_not_found")
    return row


async def list_comments(
    conn: Connection, viewer: AuthUser, post_id: uuid.UUID, cursor: str | None, limit: int
) -> CommentPage:
    await _visible_post_state(conn, viewer, post_id)
    after = _time_id_cursor(cursor)
    rows = await repository.list_comments(
        conn, viewer.id, viewer.is_admin, post_id, after, limit + 1
    )
    page, more = split_page(rows, limit)
    authors = await people(conn, [r["author_id"] for r in page])
    next_cursor = _time_id_key(page[-1]["created_at"], page[-1]["id"]) if more else None
    return CommentPage(items=[_to_comment(r, authors) for r in page], next_cursor=next_cursor)


async def _get_comment(conn: Connection, viewer: AuthUser, comment_id: uuid.UUID) -> Comment:
    row = await repository.get_comment(conn, viewer.id, comment_id)
    if row is None:
        raise NotFound("No such comment", code="comment_not_found")
    return _to_comment(row, await people(conn, [row["author_id"]]))


async def _locked_comment(conn: Connection, viewer: AuthUser, comment_id: uuid.UUID) -> Any:
    """The comment, locked; 404 when the viewer may not see it or its post."""
    row = await repository.lock_comment(conn, comment_id)
    if row is None or not _visible(row, viewer):
        raise NotFound("No such comment", code="comment_not_found")
    post_visible = (
        row["post_hidden_at"] is None or viewer.is_admin or row["post_author_id"] == viewer.id
    )
    if not post_visible:
        raise NotFound("No such comment", code="comment_not_found")
    return row


async def create_comment(
    conn: Connection, user: AuthUser, post_id: uuid.UUID, body: str
) -> Comment:
    post = await _visible_post_state(conn, user, post_id)
    _not_under_review(post, "post")
    comment_id = await repository.insert_comment(conn, post_id, user.id, body)
    if post["author_id"] != user.id:
        await notifications.notify(
            conn,
            post["author_id"],
            "reply",
            "Ny kommentar på ditt inlägg",
            body=f"{user.display_name}: {excerpt(body, 300)}",
            link=f"/wall/posts/{post_id}",
            data={"post_id": str(post_id), "comment_id": str(comment_id)},
            about=user.id,
        )
    return await _get_comment(conn, user, comment_id)


async def update_comment(
    conn: Connection, user: AuthUser, comment_id: uuid.UUID, body: str
) -> Comment:
    row = await _locked_comment(conn, user, comment_id)
    if row["author_id"] != user.id:
        raise Forbidden("Only the author can edit a comment", code="not_author")
    _not_under_review(row, "comment")
    await repository.update_comment(conn, comment_id, body)
    return await _get_comment(conn, user, comment_id)


async def delete_comment(
    conn: Connection, user: AuthUser, comment_id: uuid.UUID, ip: str | None
) -> None:
    row = await _locked_comment(conn, user, comment_id)
    if row["author_id"] != user.id and not user.is_admin:
        raise Forbidden("Only the author or an admin can delete a comment", code="not_author")
    await repository.delete_comment(conn, comment_id)
    if row["author_id"] != user.id:
        await audit.record(
            conn,
            "community.comment_delete",
            actor_id=user.id,
            subject_user_id=row["author_id"],
            object_type="comment",
            object_id=str(comment_id),
            ip=ip,
            meta={"post_id": str(row["post_id"]), "excerpt": excerpt(row["body"], 200)},
        )


# --- reactions --------------------------------------------------------------------------------

ReactionTarget = Literal["post", "comment"]


async def _reaction_target(
    conn: Connection, user: AuthUser, target: ReactionTarget, target_id: uuid.UUID
) -> Any:
    if target == "post":
        row = await _visible_post_state(conn, user, target_id)
    else:
        row = await _locked_comment(conn, user, target_id)
    _not_under_review(row, target)
    return row


def _ids(target: ReactionTarget, target_id: uuid.UUID) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    return (target_id, None) if target == "post" else (None, target_id)


async def _reaction_state(
    conn: Connection, user: AuthUser, target: ReactionTarget, target_id: uuid.UUID
) -> ReactionState:
    row = await repository.reaction_state(conn, user.id, *_ids(target, target_id))
    return ReactionState(reactions=row["reactions"], my_reactions=list(row["my_reactions"]))


async def add_reaction(
    conn: Connection, user: AuthUser, target: ReactionTarget, target_id: uuid.UUID, kind: str
) -> ReactionState:
    """Idempotent: one reaction per user and kind; the author hears of the first one."""
    row = await _reaction_target(conn, user, target, target_id)
    added = await repository.add_reaction(conn, user.id, *_ids(target, target_id), kind)
    if added and row["author_id"] != user.id:
        post_id = target_id if target == "post" else row["post_id"]
        what = "ditt inlägg" if target == "post" else "din kommentar"
        await notifications.notify_unless_unread(
            conn,
            row["author_id"],
            "reaction",
            ("reaction_target", f"{target}:{target_id}"),
            f"{user.display_name} reagerade på {what}",
            body=excerpt(row["body"], 300),
            link=f"/wall/posts/{post_id}",
            data={"post_id": str(post_id), "kind": kind},
            about=user.id,
        )
    return await _reaction_state(conn, user, target, target_id)


async def remove_reaction(
    conn: Connection, user: AuthUser, target: ReactionTarget, target_id: uuid.UUID, kind: str
) -> ReactionState:
    if target == "post":
        await _visible_post_state(conn, user, target_id)
    else:
        await _locked_comment(conn, user, target_id)
    await repository.remove_reaction(conn, user.id, *_ids(target, target_id), kind)
    return await _reaction_state(conn, user, target, target_id)


# --- reports and moderation -------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What a report is about."""

    type: Literal["post", "comment", "message"]
    author_id: uuid.UUID
    hidden: bool
    post_id: uuid.UUID | None = None
    comment_id: uuid.UUID | None = None
    message_id: int | None = None

    @property
    def id_text(self) -> str:
        return str(self.post_id or self.comment_id or self.message_id)

    @property
    def keys(self) -> tuple[uuid.UUID | None, uuid.UUID | None, int | None]:
        return self.post_id, self.comment_id, self.message_id

    @property
    def noun(self) -> str:
        return {"post": "inlägg", "comment": "kommentar", "message": "meddelande"}[self.type]


async def report_post(
    conn: Connection, user: AuthUser, post_id: uuid.UUID, reason: str
) -> ReportReceipt:
    row = await _locked_post(conn, user, post_id)
    target = Target("post", row["author_id"], row["hidden_at"] is not None, post_id=post_id)
    return await _file_report(conn, user, target, reason)


async def report_comment(
    conn: Connection, user: AuthUser, comment_id: uuid.UUID, reason: str
) -> ReportReceipt:
    row = await _locked_comment(conn, user, comment_id)
    target = Target(
        "comment", row["author_id"], row["hidden_at"] is not None, comment_id=comment_id
    )
    return await _file_report(conn, user, target, reason)


async def report_message(
    conn: Connection, user: AuthUser, message_id: int, reason: str
) -> ReportReceipt:
    message = await messages.lock_message_for_report(conn, user, message_id)
    target = Target("message", message.sender_id, message.hidden, message_id=message_id)
    return await _file_report(conn, user, target, reason)


async def _file_report(
    conn: Connection, user: AuthUser, target: Target, reason: str
) -> ReportReceipt:
    """The target row is locked by the caller, so concurrent reports of one target count each
    other and the second reporter's report hides it."""
    if target.author_id == user.id:
        raise Forbidden("You cannot report your own content", code="own_content")
    row = await repository.insert_report(
        conn,
        reporter_id=user.id,
        target_type=target.type,
        post_id=target.post_id,
        comment_id=target.comment_id,
        message_id=target.message_id,
        target_author_id=target.author_id,
        reason=reason,
    )
    if row is None:
        raise Conflict("You have already reported this", code="already_reported")
    reporters = await repository.count_open_reporters(conn, *target.keys)
    if not target.hidden and reporters >= HIDE_AFTER_REPORTERS:
        await _set_target_state(conn, target, hidden=True, removed=False)
        await notifications.notify(
            conn,
            target.author_id,
            "moderation",
            f"Ditt {target.noun} är dolt i väntan på granskning"
            if target.type != "comment"
            else "Din kommentar är dold i väntan på granskning",
            body="Innehållet har anmälts av flera användare och granskas av en administratör.",
            data={"target_type": target.type, "target_id": target.id_text},
        )
    return ReportReceipt(
        id=row["id"],
        target_type=row["target_type"],
        target_id=target.id_text,
        status=row["status"],
        created_at=row["created_at"],
    )


async def _lock_target(conn: Connection, target: Target) -> None:
    if target.post_id is not None:
        await repository.lock_post(conn, target.post_id)
    elif target.comment_id is not None:
        await repository.lock_comment(conn, target.comment_id)
    elif target.message_id is not None:
        await messages.lock_for_moderation(conn, target.message_id)


async def _set_target_state(
    conn: Connection, target: Target, *, hidden: bool, removed: bool
) -> None:
    if target.post_id is not None:
        await repository.set_post_moderation(conn, target.post_id, hidden, removed)
        if hidden or removed:
            await feed.hide_subject(conn, POST_ACTIVITY, target.post_id)
        else:
            await feed.show_subject(conn, POST_ACTIVITY, target.post_id)
    elif target.comment_id is not None:
        await repository.set_comment_moderation(conn, target.comment_id, hidden, removed)
    elif target.message_id is not None:
        await messages.set_moderation(conn, target.message_id, hidden=hidden, removed=removed)


async def _reports_out(conn: Connection, rows: list[Any]) -> list[Report]:
    message_ids = [r["message_id"] for r in rows if r["message_id"] is not None]
    message_views = await messages.moderation_views(conn, message_ids)
    who = await people(
        conn, [r["reporter_id"] for r in rows] + [r["target_author_id"] for r in rows]
    )
    out = []
    for r in rows:
        if r["message_id"] is not None:
            view = message_views.get(r["message_id"])
            body = view.body if view else ""
            hidden, removed = (view.hidden, view.removed) if view else (False, False)
        else:
            body = r["body"] or ""
            hidden, removed = r["hidden_at"] is not None, r["removed_at"] is not None
        target = ReportTarget(
            type=r["target_type"],
            id=str(r["post_id"] or r["comment_id"] or r["message_id"]),
            author=who.get(r["target_author_id"]),
            excerpt=excerpt(body, 500),
            hidden=hidden,
            removed=removed,
            open_reports=r["open_reports"],
        )
        out.append(
            Report(
                id=r["id"],
                status=r["status"],
                reason=r["reason"],
                reporter=who.get(r["reporter_id"]),
                target=target,
                created_at=r["created_at"],
                resolved_at=r["resolved_at"],
                resolved_by=r["resolved_by"],
            )
        )
    return out


async def list_reports(conn: Connection, status: str, cursor: str | None, limit: int) -> ReportPage:
    after = _time_id_cursor(cursor)
    rows = await repository.list_reports(conn, status, after, limit + 1)
    page, more = split_page(rows, limit)
    next_cursor = _time_id_key(page[-1]["created_at"], page[-1]["id"]) if more else None
    return ReportPage(items=await _reports_out(conn, page), next_cursor=next_cursor)


async def resolve_report(
    conn: Connection,
    admin: AuthUser,
    report_id: uuid.UUID,
    action: Literal["restore", "remove"],
    ip: str | None,
) -> Report:
    """Restore (show again) or remove the reported content; every open report of the same
    content is resolved with it, and the act is audited."""
    found = await repository.get_report_target(conn, report_id)
    if found is None:
        raise NotFound("No such report", code="report_not_found")
    target = Target(
        found["target_type"],
        found["target_author_id"],
        hidden=False,
        post_id=found["post_id"],
        comment_id=found["comment_id"],
        message_id=found["message_id"],
    )
    # The content first, then the report: acts on the same content (two admins, a new report)
    # queue up on the content's row instead of locking each other's reports in turn.
    await _lock_target(conn, target)
    row = await repository.lock_report(conn, report_id)
    if row is None:
        raise NotFound("No such report", code="report_not_found")
    if row["status"] != "open":
        raise Conflict("This report has already been resolved", code="report_resolved")
    removing = action == "remove"
    await _set_target_state(conn, target, hidden=removing, removed=removing)
    resolved = await repository.resolve_open_reports(
        conn, *target.keys, "removed" if removing else "restored", admin.id
    )
    if removing:
        await notifications.notify(
            conn,
            target.author_id,
            "moderation",
            "Ditt innehåll har tagits bort av en administratör",
            body=f"Ett {target.noun} som du skrev bröt mot gemenskapens riktlinjer."
            if target.type != "comment"
            else "En kommentar som du skrev bröt mot gemenskapens riktlinjer.",
            data={"target_type": target.type, "target_id": target.id_text},
        )
    await audit.record(
        conn,
        f"moderation.{action}",
        actor_id=admin.id,
        subject_user_id=target.author_id,
        object_type=target.type,
        object_id=target.id_text,
        ip=ip,
        meta={"report_id": str(report_id), "reports_resolved": resolved},
    )
    report = await repository.get_report(conn, report_id)
    return (await _reports_out(conn, [report]))[0]


# --- GDPR (app.privacy): the user's data for GET /me/export, and its erasure for DELETE /me.


async def export_user_data(conn: Connection, user_id: uuid.UUID) -> dict[str, list[Any]]:
    """The user's wall posts, comments, reactions and the reports they filed."""
    return await repository.export_rows(conn, user_id)


async def erase_user_data(conn: Connection, user_id: uuid.UUID) -> None:
    """Remove the user's posts (with the comments and reactions on them), comments, reactions
    and reports, and the reports about their content."""
    await repository.delete_all_of_user(conn, user_id)
