"""The wall in the feed: its pages, posting, reactions, and the live stream that keeps it
current (new activity first, a message counted as unread)."""

import asyncio
import logging
from typing import Any

from wisdom_app.api import Json
from wisdom_app.errors import ApiError
from wisdom_app.features.notifications import actions as notifications
from wisdom_app.state import AppState

log = logging.getLogger("wisdom.wall")

FEED_RECONNECT_SECONDS = (1, 2, 5, 10, 30)


async def load_feed(state: AppState) -> None:
    await state.feed.load(lambda: feed_with_posts(state))


async def feed_with_posts(state: AppState) -> Json:
    """The feed's first page, its wall posts joined with their reactions."""
    feed, posts = await asyncio.gather(state.api.feed(), state.api.wall_posts())
    return {
        "items": attach_posts(feed["items"], posts["items"]),
        "next_cursor": feed.get("next_cursor"),
    }


def attach_posts(items: list[Json], posts: list[Json]) -> list[Json]:
    """Feed items with the wall post each "wall_post" item is about (its reactions)."""
    by_id = {str(p["id"]): p for p in posts}
    return [
        {**item, "post": by_id[str(item["subject_id"])]}
        if item.get("kind") == "wall_post" and str(item.get("subject_id")) in by_id
        else item
        for item in items
    ]


async def load_more_feed(state: AppState) -> None:
    feed = state.feed
    if not feed.next_cursor or feed.loading:
        return
    cursor = feed.next_cursor
    feed.loading = True
    try:
        page = await state.api.feed(cursor)
    except ApiError as exc:
        state.notice = exc.message
        return
    finally:
        feed.loading = False
    known = {item.get("id") for item in feed.items}
    feed.value = feed.items + [i for i in page["items"] if i.get("id") not in known]
    feed.next_cursor = page.get("next_cursor")


async def post_to_wall(state: AppState, text: str) -> Json:
    post = await state.api.create_post(text.strip())
    # The live stream brings the post as well; until then the feed is read again.
    await _refresh_feed_quietly(state)
    return post


async def toggle_reaction(state: AppState, item: Json, kind: str) -> None:
    """Add or take back a reaction on a wall post of the feed."""
    post_id = str(item["subject_id"])
    post = item.get("post") or {}
    if kind in (post.get("my_reactions") or []):
        reactions = await state.api.unreact(post_id, kind)
    else:
        reactions = await state.api.react(post_id, kind)
    state.feed.value = [
        {**it, "post": {**(it.get("post") or {}), **reactions}}
        if it.get("subject_id") == item["subject_id"] and it.get("kind") == "wall_post"
        else it
        for it in state.feed.items
    ]


async def _refresh_feed_quietly(state: AppState) -> None:
    try:
        page = await feed_with_posts(state)
    except ApiError as exc:
        state.notice = exc.message
        return
    state.feed.value = page["items"]
    state.feed.next_cursor = page["next_cursor"]
    state.feed.loaded = True
    state.feed.error = ""


def start_live_feed(state: AppState) -> None:
    work = state.background
    if work.feed_task is None or work.feed_task.done():
        work.feed_task = asyncio.ensure_future(_follow_feed(state))


async def _follow_feed(state: AppState) -> None:
    """Follow /feed/stream; on every event refresh the first page. Reconnects with a
    growing pause while the API is away."""
    failures = 0
    last_id: str | None = None
    while state.signed_in:
        try:
            async for event in state.api.feed_events(last_id, state.stream_silence_seconds):
                state.feed_live = True
                failures = 0
                last_id = event.id or last_id
                if event.event in ("open", "ping", "keepalive"):
                    continue
                apply_feed_event(state, event.event, event.json())
        except asyncio.CancelledError:
            raise
        except ApiError as exc:
            log.info("feed stream: %s", exc)
            if exc.status in (401, 403):
                break
        except ValueError as exc:  # a malformed event: start over
            log.warning("feed stream: bad event: %s", exc)
        state.feed_live = False
        delay = FEED_RECONNECT_SECONDS[min(failures, len(FEED_RECONNECT_SECONDS) - 1)]
        failures += 1
        await asyncio.sleep(delay)
    state.feed_live = False


def apply_feed_event(state: AppState, event: str, data: Any) -> None:
    feed = state.feed
    if event == "activity" and isinstance(data, dict) and "id" in data:
        # A new or changed activity: first in the list, keeping what is known of its post.
        old = next((i for i in feed.items if i.get("id") == data["id"]), None)
        if data.get("hidden"):
            feed.value = [i for i in feed.items if i.get("id") != data["id"]]
            return
        item = {**data, "post": old.get("post")} if old and old.get("post") else data
        rest = [i for i in feed.items if i.get("id") != data["id"]]
        feed.value = [item, *rest]
        feed.loaded = True
    elif event == "message":
        state.unread_messages += 1
        # A message comes with a notification (one per conversation until read): the bell's
        # number is read again. Other notifications do not travel on the stream.
        state.spawn(notifications.refresh_unread_count(state))
