"""Signing in and out, the saved session, and which server the app talks to."""

from wisdom_app.config import normalize_api_url
from wisdom_app.errors import ApiError
from wisdom_app.features.wall.actions import start_live_feed
from wisdom_app.state import AppState
from wisdom_app.storage import API_URL_KEY


async def start(state: AppState) -> None:
    """Check a saved session: signed in when the API still accepts it."""
    if not await state.api.has_session():
        state.phase = "signed_out"
        return
    try:
        profile = await state.api.me()
    except ApiError as exc:
        if exc.status in (401, 403):
            await state.api.logout()
        else:
            # The server is away: keep the session, show the error on the sign-in screen.
            state.notice = exc.message
        state.phase = "signed_out"
        return
    _signed_in(state, profile)


async def sign_in(state: AppState, email: str, password: str) -> None:
    body = await state.api.login(email.strip(), password)
    _signed_in(state, body["profile"])


async def register(state: AppState, email: str, password: str, display_name: str) -> None:
    body = await state.api.register(email.strip(), password, display_name.strip())
    _signed_in(state, body["profile"])


async def request_password_reset(state: AppState, email: str) -> None:
    await state.api.request_password_reset(email.strip())


def _signed_in(state: AppState, profile: dict[str, object]) -> None:
    state.enter(profile)
    start_live_feed(state)


async def sign_out(state: AppState) -> None:
    state.stop_background()
    await state.api.logout()
    state.forget_user()


async def close(state: AppState) -> None:
    """The page is gone: stop background work and close the HTTP client."""
    state.stop_background()
    await state.api.aclose()


async def saved_api_url(state: AppState) -> str | None:
    return await state.settings.get(API_URL_KEY)


async def change_api_url(state: AppState, value: str) -> None:
    """Use another API (the settings screen). Signs out: tokens belong to one server."""
    url = normalize_api_url(value)
    await state.settings.set(API_URL_KEY, url)
    await _switch_api(state, url)


async def reset_api_url(state: AppState, default: str) -> None:
    await state.settings.remove(API_URL_KEY)
    await _switch_api(state, default)


async def _switch_api(state: AppState, url: str) -> None:
    if url == state.api_url:
        return
    if state.signed_in:
        await sign_out(state)
    await state.api.aclose()
    state.use_api(url)
    await state.tokens.clear()
