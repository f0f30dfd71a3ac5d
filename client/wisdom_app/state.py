"""The app's state: who is signed in, the lists the screens show, orders being paid.

Observable (flet's @ft.observable): screens are components that re-render when the state they
read changes. Nothing here touches a control, so the state runs (and is tested) without a page.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import flet as ft

from wisdom_app.api import STREAM_SILENCE_SECONDS, ApiClient, Json
from wisdom_app.config import normalize_api_url
from wisdom_app.errors import ApiError
from wisdom_app.storage import API_URL_KEY, SettingsStore, TokenStore

log = logging.getLogger("wisdom.state")

UrlOpener = Callable[[str], Awaitable[None]]
ApiFactory = Callable[[str, TokenStore], ApiClient]

# Order statuses after which nothing changes by itself any more.
SETTLED_ORDER_STATUSES = {
    "paid",
    "fulfilled",
    "canceled",
    "refunded",
    "partially_refunded",
}
ORDER_POLL_SECONDS = 2.0
ORDER_WATCH_SECONDS = 30 * 60  # a checkout session lives at most this long
FEED_RECONNECT_SECONDS = (1, 2, 5, 10, 30)
SLOT_DAYS = 14  # the slot picker shows two weeks at a time
# Services bought for a time (a package is bought without one and gives credits).
BOOKABLE_KINDS = ("reading", "coaching", "session")
WIDE_BREAKPOINT = 900  # logical pixels: narrower windows get the phone layout


@ft.observable
@dataclass
class Remote:
    """Something loaded from the API: loading, loaded (value), or failed (error)."""

    value: Any = None
    loading: bool = False
    error: str = ""
    loaded: bool = False
    next_cursor: str | None = None

    async def load(self, fetch: Callable[[], Awaitable[Any]]) -> None:
        self.loading = True
        self.error = ""
        try:
            result = await fetch()
        except ApiError as exc:
            self.error = exc.message
        else:
            if isinstance(result, dict) and "items" in result and "next_cursor" in result:
                self.next_cursor = result["next_cursor"]
                result = list(result["items"])
            self.value = result
            self.loaded = True
        finally:
            self.loading = False

    @property
    def items(self) -> list[Json]:
        return list(self.value) if isinstance(self.value, list) else []

    @property
    def is_empty(self) -> bool:
        """Loaded, and nothing came: an empty list (or no object at all)."""
        empty = self.value is None or (isinstance(self.value, list) and not self.value)
        return self.loaded and not self.error and empty

    def reset(self) -> None:
        self.value, self.loading, self.error, self.loaded, self.next_cursor = (
            None,
            False,
            "",
            False,
            None,
        )


@ft.observable
@dataclass
class AppState:
    api_url: str
    tokens: TokenStore
    settings: SettingsStore
    open_url: UrlOpener
    make_api: ApiFactory = field(default=ApiClient)
    # "starting" until the saved session is checked, then "signed_out" or "signed_in".
    phase: str = "starting"
    profile: Json | None = None
    my_courses: Remote = field(default_factory=Remote)
    feed: Remote = field(default_factory=Remote)
    services: Remote = field(default_factory=Remote)
    # Orders started from this app, by id, as last read from the API.
    orders: dict[str, Json] = field(default_factory=dict)
    # The last order of each service bought here: service id -> order id.
    service_orders: dict[str, str] = field(default_factory=dict)
    feed_live: bool = False
    # Direct messages that arrived on the stream since the messages screen was last opened.
    unread_messages: int = 0
    notice: str = ""
    # The window's width in logical pixels: the screens switch between phone and desktop layout.
    width: float = 1280
    # How long the live stream may be silent before it counts as lost (the dot turns grey).
    stream_silence_seconds: float = STREAM_SILENCE_SECONDS

    @property
    def wide(self) -> bool:
        return self.width >= WIDE_BREAKPOINT

    def __post_init__(self) -> None:
        self.api: ApiClient = self.make_api(self.api_url, self.tokens)
        self.api.on_session_ended = self._session_ended
        self._tasks: set[asyncio.Task[None]] = set()
        self._order_watchers: dict[str, asyncio.Task[None]] = {}
        self._feed_task: asyncio.Task[None] | None = None

    # ------------------------------------------------------------------ session

    @property
    def signed_in(self) -> bool:
        return self.phase == "signed_in" and self.profile is not None

    @property
    def role(self) -> str:
        return str((self.profile or {}).get("role", ""))

    @property
    def is_teacher(self) -> bool:
        return self.role in ("teacher", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    async def start(self) -> None:
        """Check a saved session: signed in when the API still accepts it."""
        if not await self.api.has_session():
            self.phase = "signed_out"
            return
        try:
            self.profile = await self.api.me()
        except ApiError as exc:
            if exc.status in (401, 403):
                await self.api.logout()
                self.phase = "signed_out"
                return
            # The server is away: keep the session, show the error on the sign-in screen.
            self.notice = exc.message
            self.phase = "signed_out"
            return
        self.phase = "signed_in"
        self.start_live_feed()

    async def sign_in(self, email: str, password: str) -> None:
        body = await self.api.login(email.strip(), password)
        self._signed_in(body["profile"])

    async def register(self, email: str, password: str, display_name: str) -> None:
        body = await self.api.register(email.strip(), password, display_name.strip())
        self._signed_in(body["profile"])

    async def request_password_reset(self, email: str) -> None:
        await self.api.request_password_reset(email.strip())

    def _signed_in(self, profile: Json) -> None:
        self.profile = profile
        self.notice = ""
        self.phase = "signed_in"
        self.start_live_feed()

    async def sign_out(self) -> None:
        self._stop_background()
        await self.api.logout()
        self._forget_user()

    async def _session_ended(self) -> None:
        self._stop_background()
        self._forget_user()
        self.notice = "Du har loggats ut. Logga in igen."

    def _forget_user(self) -> None:
        self.profile = None
        self.phase = "signed_out"
        for remote in (self.my_courses, self.feed, self.services):
            remote.reset()
        self.orders.clear()
        self.service_orders.clear()

    async def close(self) -> None:
        """The page is gone: stop background work and close the HTTP client."""
        self._stop_background()
        await self.api.aclose()

    def _stop_background(self) -> None:
        tasks = [*self._tasks, *self._order_watchers.values()]
        if self._feed_task:
            tasks.append(self._feed_task)
        for task in tasks:
            task.cancel()
        self._tasks.clear()
        self._order_watchers.clear()
        self._feed_task = None
        self.feed_live = False

    def _spawn(self, coro: Awaitable[None]) -> asyncio.Task[None]:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # ------------------------------------------------------------------ settings

    async def load_saved_api_url(self) -> str | None:
        return await self.settings.get(API_URL_KEY)

    async def change_api_url(self, value: str) -> None:
        """Use another API (the settings screen). Signs out: tokens belong to one server."""
        url = normalize_api_url(value)
        await self.settings.set(API_URL_KEY, url)
        await self._switch_api(url)

    async def reset_api_url(self, default: str) -> None:
        await self.settings.remove(API_URL_KEY)
        await self._switch_api(default)

    async def _switch_api(self, url: str) -> None:
        if url == self.api_url:
            return
        if self.signed_in:
            await self.sign_out()
        await self.api.aclose()
        self.api_url = url
        self.api = self.make_api(url, self.tokens)
        self.api.on_session_ended = self._session_ended
        await self.tokens.clear()

    # ------------------------------------------------------------------ profile

    async def save_display_name(self, name: str) -> None:
        self.profile = await self.api.update_me(display_name=name.strip())

    async def save_bio(self, bio: str) -> None:
        self.profile = await self.api.update_me(bio=bio.strip())

    async def upload_avatar(self, filename: str, content: bytes, content_type: str) -> None:
        await self.api.upload_avatar(filename, content, content_type)
        self.profile = await self.api.me()

    # ------------------------------------------------------------------ HOME

    async def load_home(self) -> None:
        await asyncio.gather(self.load_my_courses(), self.load_feed(), self.load_services())

    async def load_my_courses(self) -> None:
        await self.my_courses.load(self._my_courses)

    async def _my_courses(self) -> list[Json]:
        """The courses the person takes; for a teacher, first the courses they teach
        (entries {"teaching": True, "course": {...}})."""
        if not self.is_teacher:
            return list((await self.api.my_courses())["items"])
        enrolled, teaching = await asyncio.gather(self.api.my_courses(), self.api.studio_courses())
        return [{"teaching": True, "course": c} for c in teaching["items"]] + list(enrolled["items"])

    async def load_feed(self) -> None:
        await self.feed.load(self._feed_with_posts)

    async def _feed_with_posts(self) -> Json:
        """The feed's first page, its wall posts joined with their reactions."""
        feed, posts = await asyncio.gather(self.api.feed(), self.api.wall_posts())
        return {
            "items": attach_posts(feed["items"], posts["items"]),
            "next_cursor": feed.get("next_cursor"),
        }

    async def load_services(self) -> None:
        await self.services.load(self.api.services)

    async def load_more_feed(self) -> None:
        if not self.feed.next_cursor or self.feed.loading:
            return
        cursor = self.feed.next_cursor
        self.feed.loading = True
        try:
            page = await self.api.feed(cursor)
        except ApiError as exc:
            self.notice = exc.message
            return
        finally:
            self.feed.loading = False
        known = {item.get("id") for item in self.feed.items}
        self.feed.value = self.feed.items + [i for i in page["items"] if i.get("id") not in known]
        self.feed.next_cursor = page.get("next_cursor")

    # ------------------------------------------------------------------ the wall

    async def post_to_wall(self, text: str) -> Json:
        post = await self.api.create_post(text.strip())
        # The live stream brings the post as well; until then the feed is read again.
        await self._refresh_feed_quietly()
        return post

    async def toggle_reaction(self, item: Json, kind: str) -> None:
        """Add or take back a reaction on a wall post of the feed."""
        post_id = str(item["subject_id"])
        post = item.get("post") or {}
        if kind in (post.get("my_reactions") or []):
            reactions = await self.api.unreact(post_id, kind)
        else:
            reactions = await self.api.react(post_id, kind)
        self.feed.value = [
            {**it, "post": {**(it.get("post") or {}), **reactions}}
            if it.get("subject_id") == item["subject_id"] and it.get("kind") == "wall_post"
            else it
            for it in self.feed.items
        ]

    async def _refresh_feed_quietly(self) -> None:
        try:
            page = await self._feed_with_posts()
        except ApiError as exc:
            self.notice = exc.message
            return
        self.feed.value = page["items"]
        self.feed.next_cursor = page["next_cursor"]
        self.feed.loaded = True
        self.feed.error = ""

    def start_live_feed(self) -> None:
        if self._feed_task is None or self._feed_task.done():
            self._feed_task = asyncio.ensure_future(self._follow_feed())

    async def _follow_feed(self) -> None:
        """Follow /feed/stream; on every event refresh the first page. Reconnects with a
        growing pause while the API is away."""
        failures = 0
        last_id: str | None = None
        while self.signed_in:
            try:
                async for event in self.api.feed_events(last_id, self.stream_silence_seconds):
                    self.feed_live = True
                    failures = 0
                    last_id = event.id or last_id
                    if event.event in ("open", "ping", "keepalive"):
                        continue
                    await self._apply_feed_event(event.event, event.json())
            except asyncio.CancelledError:
                raise
            except ApiError as exc:
                log.info("feed stream: %s", exc)
                if exc.status in (401, 403):
                    break
            except ValueError as exc:  # a malformed event: start over
                log.warning("feed stream: bad event: %s", exc)
            self.feed_live = False
            delay = FEED_RECONNECT_SECONDS[min(failures, len(FEED_RECONNECT_SECONDS) - 1)]
            failures += 1
            await asyncio.sleep(delay)
        self.feed_live = False

    async def _apply_feed_event(self, event: str, data: Any) -> None:
        if event == "activity" and isinstance(data, dict) and "id" in data:
            # A new or changed activity: first in the list, keeping what is known of its post.
            old = next((i for i in self.feed.items if i.get("id") == data["id"]), None)
            if data.get("hidden"):
                self.feed.value = [i for i in self.feed.items if i.get("id") != data["id"]]
                return
            item = {**data, "post": old.get("post")} if old and old.get("post") else data
            rest = [i for i in self.feed.items if i.get("id") != data["id"]]
            self.feed.value = [item, *rest]
            self.feed.loaded = True
        elif event == "message":
            self.unread_messages += 1

    # ------------------------------------------------------------------ buying

    async def service_slots(self, service: Json, first_day: date, days: int = SLOT_DAYS) -> Json:
        """The free start times of a reading, coaching or session over `days` local days."""
        last_day = first_day + timedelta(days=days - 1)
        return await self.api.slots(
            str(service["teacher_id"]),
            str(service["id"]),
            first_day.isoformat(),
            last_day.isoformat(),
        )

    async def buy_service(self, service: Json, slot_start: str | None = None) -> Json:
        """Order the service (a bookable one for the chosen start time, which the order holds
        until its checkout expires), open the checkout page, then follow the order until paid."""
        order = await self.api.create_order("service", str(service["id"]), slot_start)
        self.service_orders[str(service["id"])] = str(order["id"])
        return await self._checkout(order)

    async def usable_credits_for(self, service: Json) -> int:
        """How many package credits of the service's teacher can book a session this long."""
        credits = await self.api.credits()
        minutes = int(service.get("duration_minutes") or 0)
        return sum(
            int(c.get("credits_left", 0))
            for c in credits.get("items", [])
            if c.get("usable")
            and str((c.get("teacher") or {}).get("id")) == str(service.get("teacher_id"))
            and int(c.get("session_minutes", 0)) >= minutes
        )

    async def buy_course(self, course: Json) -> Json:
        return await self._checkout(await self.api.create_order("course", str(course["id"])))

    async def buy_seminar(self, seminar: Json) -> Json:
        return await self._checkout(await self.api.create_order("seminar", str(seminar["id"])))

    async def _checkout(self, order: Json) -> Json:
        order_id = str(order["id"])
        self.orders[order_id] = order
        if order.get("status") == "pending":
            session = await self.api.create_checkout(order_id)
            await self.open_url(str(session["checkout_url"]))
            self.watch_order(order_id)
        return order

    def order_for_service(self, service_id: str) -> Json | None:
        order_id = self.service_orders.get(service_id)
        return self.orders.get(order_id) if order_id else None

    def watch_order(self, order_id: str) -> None:
        if order_id not in self._order_watchers:
            task = asyncio.ensure_future(self._poll_order(order_id))
            self._order_watchers[order_id] = task
            task.add_done_callback(lambda _: self._order_watchers.pop(order_id, None))

    async def refresh_order(self, order_id: str) -> Json:
        order = await self.api.order(order_id)
        self.orders[order_id] = order
        return order

    async def _poll_order(self, order_id: str) -> None:
        """Read the order every few seconds until it is settled (paid in the browser, or
        canceled/expired), for as long as a checkout session can live."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + ORDER_WATCH_SECONDS
        while loop.time() < deadline:
            await asyncio.sleep(ORDER_POLL_SECONDS)
            try:
                order = await self.refresh_order(order_id)
            except ApiError as exc:
                if exc.status in (401, 403, 404):
                    return
                continue
            if order.get("status") in SETTLED_ORDER_STATUSES:
                if order.get("item_kind") == "course":
                    await self.load_my_courses()
                return

    def on_app_resumed(self) -> None:
        """Back in the app (from the browser): read pending orders at once."""
        for order_id, order in list(self.orders.items()):
            if order.get("status") not in SETTLED_ORDER_STATUSES:
                self._spawn(self._refresh_order_quietly(order_id))

    async def _refresh_order_quietly(self, order_id: str) -> None:
        with contextlib.suppress(ApiError):
            await self.refresh_order(order_id)


def attach_posts(items: list[Json], posts: list[Json]) -> list[Json]:
    """Feed items with the wall post each "wall_post" item is about (its reactions)."""
    by_id = {str(p["id"]): p for p in posts}
    return [
        {**item, "post": by_id[str(item["subject_id"])]}
        if item.get("kind") == "wall_post" and str(item.get("subject_id")) in by_id
        else item
        for item in items
    ]
