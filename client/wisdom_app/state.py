"""The app's state: who is signed in, the lists the screens show, orders being paid.

Observable (flet's @ft.observable): screens are components that re-render when the state they
read changes. Nothing here touches a control or calls the API (the features' actions do), so
the state runs (and is tested) without a page.
"""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import flet as ft

from wisdom_app.api import STREAM_SILENCE_SECONDS, ApiClient, Json
from wisdom_app.errors import ApiError
from wisdom_app.storage import SettingsStore, TokenStore

UrlOpener = Callable[[str], Awaitable[None]]
ApiFactory = Callable[[str, TokenStore], ApiClient]

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


@dataclass
class Background:
    """The person's background work: the live stream and the orders being followed. Kept out
    of the observable state (a task starting or ending is nothing a screen draws)."""

    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    order_watchers: dict[str, asyncio.Task[None]] = field(default_factory=dict)
    feed_task: asyncio.Task[None] | None = None


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
    # Unread notifications (the number on the bell), as the API last said.
    unread_notifications: int = 0
    notice: str = ""
    # A confirmation the sign-in screen shows (the password is changed, the account deleted).
    signed_out_info: str = ""
    # "Serverinställningar" shown to someone who is not on a developer build (a long press on
    # the logo reveals them for as long as the app runs).
    developer_settings: bool = False
    # Seminar rooms opened inside the app: seminar id -> the room page's address (with its token).
    room_links: dict[str, str] = field(default_factory=dict)
    # The window's width in logical pixels: the screens switch between phone and desktop layout.
    width: float = 1280
    # How long the live stream may be silent before it counts as lost (the dot turns grey).
    stream_silence_seconds: float = STREAM_SILENCE_SECONDS

    def __post_init__(self) -> None:
        self.api: ApiClient = self.make_api(self.api_url, self.tokens)
        self.api.on_session_ended = self._session_ended
        self._background = Background()

    @property
    def background(self) -> Background:
        return self._background

    @property
    def wide(self) -> bool:
        return self.width >= WIDE_BREAKPOINT

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

    def use_api(self, url: str) -> None:
        """Talk to another server from now on (the old client is closed by the caller)."""
        self.api_url = url
        self.api = self.make_api(url, self.tokens)
        self.api.on_session_ended = self._session_ended

    def enter(self, profile: Json) -> None:
        """Signed in as this person."""
        self.profile = profile
        self.notice = ""
        self.signed_out_info = ""
        self.phase = "signed_in"

    async def _session_ended(self) -> None:
        self.stop_background()
        self.forget_user()
        self.notice = "Du har loggats ut. Logga in igen."

    def forget_user(self) -> None:
        self.profile = None
        self.phase = "signed_out"
        for remote in (self.my_courses, self.feed, self.services):
            remote.reset()
        self.orders.clear()
        self.service_orders.clear()
        self.unread_notifications = 0

    def stop_background(self) -> None:
        work = self._background
        tasks = [*work.tasks, *work.order_watchers.values()]
        if work.feed_task:
            tasks.append(work.feed_task)
        for task in tasks:
            task.cancel()
        self._background = Background()
        self.feed_live = False

    def spawn(self, coro: Awaitable[None]) -> asyncio.Task[None]:
        """Run work in the background for as long as the person is signed in."""
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        self._background.tasks.add(task)
        task.add_done_callback(self._background.tasks.discard)
        return task

    def order_for_service(self, service_id: str) -> Json | None:
        order_id = self.service_orders.get(service_id)
        return self.orders.get(order_id) if order_id else None
