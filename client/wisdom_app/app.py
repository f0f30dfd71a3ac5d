"""The app: the page's setup, the state, and the screens by route."""

import logging
from collections.abc import Callable

import flet as ft

from wisdom_app.components import ask, icon_button, loading_state, navigate, wordmark
from wisdom_app.config import resolve_api_url
from wisdom_app.context import StateContext, use_app
from wisdom_app.features.account.view import DeleteAccountScreen
from wisdom_app.features.admin.view import admin_routes
from wisdom_app.features.auth import actions as session
from wisdom_app.features.auth.reset_view import ResetPasswordScreen
from wisdom_app.features.auth.view import ForgotScreen, LoginScreen, RegisterScreen
from wisdom_app.features.bookings.view import BookingsScreen, BookServiceScreen, RescheduleScreen
from wisdom_app.features.catalogue.view import CatalogueScreen
from wisdom_app.features.checkout import actions as checkout
from wisdom_app.features.course.view import CourseScreen
from wisdom_app.features.editor.view import CourseEditor
from wisdom_app.features.home.view import HomeScreen
from wisdom_app.features.lesson.view import LessonScreen
from wisdom_app.features.messages.view import ChatScreen, ConversationsScreen
from wisdom_app.features.notifications import actions as notifications
from wisdom_app.features.notifications.bell import NotificationBell, top_icon
from wisdom_app.features.notifications.view import NotificationsScreen
from wisdom_app.features.profile.view import ProfileScreen, SettingsScreen
from wisdom_app.features.seminars.room_view import RoomScreen
from wisdom_app.features.seminars.view import SeminarsScreen
from wisdom_app.features.studio.view import NewCourseScreen, SeminarEditor, ServiceEditor, StudioScreen
from wisdom_app.features.teachers.list_view import TeachersScreen
from wisdom_app.features.teachers.view import TeacherScreen
from wisdom_app.state import AppState, UrlOpener
from wisdom_app.storage import API_URL_KEY, SettingsStore, TokenStore, platform_stores
from wisdom_app.theme import FONTS, app_theme

log = logging.getLogger("wisdom.app")
SWEDISH = ft.Locale("sv", "SE")

# (route, label, icon, who sees it: None for everyone, "teacher" (teachers and admins), "admin",
# "spare": everyone, but left out of a full phone bar (HOME links to the catalogue too))
DESTINATIONS = [
    ("/", "Hem", ft.Icons.HOME_OUTLINED, None),
    ("/courses", "Kurser", ft.Icons.EXPLORE_OUTLINED, "spare"),
    ("/seminars", "Seminarier", ft.Icons.EVENT_OUTLINED, None),
    ("/messages", "Meddelanden", ft.Icons.CHAT_BUBBLE_OUTLINE, None),
    ("/profile", "Profil", ft.Icons.PERSON_OUTLINE, None),
    ("/studio", "Studio", ft.Icons.DESIGN_SERVICES_OUTLINED, "teacher"),
    ("/admin", "Admin", ft.Icons.ADMIN_PANEL_SETTINGS_OUTLINED, "admin"),
]

# Pages without a place of their own in the navigation, highlighted under the place that also
# leads to them (Profil links to Mina bokningar and Notiser; the top bar's icons show them too).
REACHED_FROM = {"/profile": ("/bookings", "/notifications")}


def visible_destinations(state: AppState) -> list[tuple[str, str, ft.IconData, str | None]]:
    """The places in the navigation for this person. A phone's bottom bar holds five at most
    (a sixth squeezes the labels into two lines): there the admin area is a button at the top."""
    allowed = {
        None,
        "spare",
        "teacher" if state.is_teacher else None,
        "admin" if state.is_admin and state.wide else None,
    }
    shown = [d for d in DESTINATIONS if d[3] in allowed]
    if not state.wide and len(shown) > 5:
        shown = [d for d in shown if d[3] != "spare"]
    return shown


def _platform_name(page: ft.Page) -> str | None:
    return page.platform.value if page.platform else None


def launch_in_browser(page: ft.Page) -> UrlOpener:
    """Open a URL outside the app: the system browser, or a new tab on web."""
    launcher = ft.UrlLauncher()

    async def open_url(url: str) -> None:
        if page.web:
            await launcher.launch_url(url, web_only_window_name="_blank")
        else:
            await launcher.launch_url(url, mode=ft.LaunchMode.EXTERNAL_APPLICATION)

    return open_url


@ft.component
def Shell() -> ft.Control:
    """The signed-in frame: navigation (a rail on desktop, a bar on a phone) around the screen."""
    state = use_app()
    outlet = ft.use_route_outlet()
    destinations = visible_destinations(state)
    selected = 0
    for i, (route, *_rest) in enumerate(destinations):
        if route != "/" and any(ft.is_route_active(r) for r in (route, *REACHED_FROM.get(route, ()))):
            selected = i

    def go(e: ft.Event[ft.NavigationBar] | ft.Event[ft.NavigationRail]) -> None:
        index = e.control.selected_index or 0
        navigate(destinations[index][0])

    title = ft.Row(
        [
            wordmark(),
            ft.Container(expand=True),
            ft.Text(
                (state.profile or {}).get("display_name", ""),
                color=ft.Colors.ON_SURFACE_VARIANT,
                visible=state.wide,  # on a phone the row has room for the buttons only
            ),
            icon_button(
                ft.Icons.ADMIN_PANEL_SETTINGS_OUTLINED,
                "Admin",
                on_click=lambda: navigate("/admin"),
                visible=state.is_admin and not state.wide,
            ),
            top_icon(ft.Icons.EVENT_AVAILABLE_OUTLINED, ft.Icons.EVENT_AVAILABLE, "Mina bokningar", "/bookings"),
            NotificationBell(),
            icon_button(ft.Icons.LOGOUT, "Logga ut", on_click=sign_out_handler(state)),
        ]
    )
    body = ft.Container(outlet, expand=True, padding=ft.Padding.symmetric(horizontal=16, vertical=8))
    if state.wide:
        rail = ft.NavigationRail(
            selected_index=selected,
            label_type=ft.NavigationRailLabelType.ALL,
            destinations=[ft.NavigationRailDestination(icon=icon, label=label) for _, label, icon, _t in destinations],
            on_change=go,
        )
        return ft.Column(
            [
                ft.Container(title, padding=ft.Padding.symmetric(horizontal=16, vertical=4)),
                ft.Row(
                    [rail, ft.VerticalDivider(width=1), body],
                    expand=True,
                    vertical_alignment=ft.CrossAxisAlignment.STRETCH,
                ),
            ],
            expand=True,
            spacing=0,
        )
    bar: list[ft.Control] = []
    if len(destinations) > 1:
        bar.append(
            ft.NavigationBar(
                selected_index=selected,
                destinations=[
                    ft.NavigationBarDestination(icon=icon, label=label) for _, label, icon, _t in destinations
                ],
                on_change=go,
            )
        )
    return ft.Column(
        [
            ft.Container(title, padding=ft.Padding.symmetric(horizontal=12, vertical=2)),
            body,
            *bar,
        ],
        expand=True,
        spacing=0,
    )


def sign_out_handler(state: AppState) -> Callable[[], object]:
    """The sign-out icon sits beside the bell: it asks first, so a slip of the finger signs nobody out."""

    async def sign_out() -> None:
        await session.sign_out(state)
        navigate("/")

    def confirm() -> None:
        ask("Logga ut?", "Du loggas ut från Wisdom på den här enheten.", "Logga ut", sign_out)

    return confirm


def signed_out_routes() -> ft.Control:
    return ft.Router(
        [
            ft.Route(index=True, component=LoginScreen),
            ft.Route(path="register", component=RegisterScreen),
            ft.Route(path="forgot", component=ForgotScreen),
            ft.Route(path="reset-password", component=ResetPasswordScreen),
            ft.Route(path="settings", component=SettingsScreen),
        ],
        not_found=LoginScreen,
    )


def signed_in_routes(admin: bool) -> ft.Control:
    return ft.Router(
        [
            # The reset mail's link opened while signed in: the new password ends this session.
            ft.Route(path="reset-password", component=ResetPasswordScreen),
            ft.Route(
                component=Shell,
                children=[
                    *(admin_routes() if admin else []),
                    ft.Route(index=True, component=HomeScreen),
                    ft.Route(path="courses", component=CatalogueScreen),
                    ft.Route(path="courses/:course_id", component=CourseScreen),
                    ft.Route(
                        path="courses/:course_id/lessons/:lesson_id",
                        component=LessonScreen,
                    ),
                    ft.Route(path="services/:service_id/book", component=BookServiceScreen),
                    ft.Route(path="bookings", component=BookingsScreen),
                    ft.Route(path="bookings/:booking_id/reschedule", component=RescheduleScreen),
                    ft.Route(path="seminars", component=SeminarsScreen),
                    ft.Route(path="seminars/:seminar_id/room", component=RoomScreen),
                    ft.Route(path="teachers", component=TeachersScreen),
                    ft.Route(path="teachers/:teacher_id", component=TeacherScreen),
                    ft.Route(path="messages", component=ConversationsScreen),
                    ft.Route(path="messages/:conversation_id", component=ChatScreen),
                    ft.Route(path="notifications", component=NotificationsScreen),
                    ft.Route(path="profile", component=ProfileScreen),
                    ft.Route(path="profile/delete-account", component=DeleteAccountScreen),
                    ft.Route(path="settings", component=SettingsScreen),
                    ft.Route(path="studio", component=StudioScreen),
                    ft.Route(path="studio/services/new", component=ServiceEditor),
                    ft.Route(path="studio/services/:service_id", component=ServiceEditor),
                    ft.Route(path="studio/seminars/new", component=SeminarEditor),
                    ft.Route(path="studio/seminars/:seminar_id", component=SeminarEditor),
                    ft.Route(path="studio/courses/new", component=NewCourseScreen),
                    ft.Route(path="studio/courses/:course_id", component=CourseEditor),
                ],
            ),
        ],
        not_found=GoHome,
    )


@ft.component
def GoHome() -> ft.Control:
    """An address the signed-in person has no page for (or an admin page for a non-admin):
    on to HOME, inside the navigation frame."""
    ft.use_effect(lambda: navigate("/"), [])
    return loading_state()


@ft.component
def App(state: AppState) -> ft.Control:
    if state.phase == "starting":
        return loading_state("Startar Wisdom …")
    admin = state.is_admin

    def routes() -> ft.Control:
        return signed_in_routes(admin) if state.signed_in else signed_out_routes()

    # The router is built inside the provider so that every screen finds the state.
    return StateContext(state, lambda: ft.SafeArea(routes(), expand=True))


def build_main(
    *,
    open_url: UrlOpener | None = None,
    stores: Callable[[ft.Page], tuple[TokenStore, SettingsStore]] = platform_stores,
) -> Callable[[ft.Page], object]:
    """The Flet entry point. Tests inject how URLs are opened and where tokens live."""

    async def main(page: ft.Page) -> None:
        page.title = "Wisdom"
        # The brand (web/BRAND.md): its typefaces from assets/fonts, its palette, light mode.
        page.fonts = FONTS
        page.theme = app_theme()
        page.theme_mode = ft.ThemeMode.LIGHT
        # Flutter's own texts (screen-reader hints, pickers, "Flik 1 av 4") in Swedish too.
        page.locale_configuration = ft.LocaleConfiguration(supported_locales=[SWEDISH], current_locale=SWEDISH)
        page.padding = 0
        tokens, settings = stores(page)
        saved = await settings.get(API_URL_KEY)
        api_url = resolve_api_url(saved, _platform_name(page), web=page.web)
        state = AppState(
            api_url=api_url,
            tokens=tokens,
            settings=settings,
            open_url=open_url or launch_in_browser(page),
            width=page.width or 1280,
        )

        def resized(e: ft.PageResizeEvent) -> None:
            state.width = e.width

        async def closed(_: ft.Event[ft.Page]) -> None:
            await session.close(state)

        def lifecycle(e: ft.AppLifecycleStateChangeEvent) -> None:
            if e.state in (ft.AppLifecycleState.RESUME, ft.AppLifecycleState.SHOW):
                checkout.refresh_pending_orders(state)
                if state.signed_in:
                    state.spawn(notifications.refresh_unread_count(state))

        page.on_resize = resized
        page.on_close = closed
        page.on_app_lifecycle_state_change = lifecycle
        page.render(App, state)
        await session.start(state)

    return main
