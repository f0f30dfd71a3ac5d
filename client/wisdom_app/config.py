"""Where the API is: a saved setting, else WISDOM_API_URL, else the default for the platform.

The defaults point at a developer's own machine: the Android emulator reaches the host's
loopback through 10.0.2.2; the iOS simulator, desktop and web reach it as 127.0.0.1.
"""

import os
from urllib.parse import urlsplit

ENV_VAR = "WISDOM_API_URL"
DEV_VAR = "WISDOM_DEV"
# Hosts only a developer's API runs on (this machine, or the host as the Android emulator sees it).
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "10.0.2.2")
ANDROID_EMULATOR_URL = "http://10.0.2.2:8000"
LOCAL_URL = "http://127.0.0.1:8000"


def default_api_url(platform: str | None, *, web: bool) -> str:
    """The API URL a developer build uses on this platform ("android", "ios", "linux", ...)."""
    if not web and platform in ("android", "android_tv"):
        return ANDROID_EMULATOR_URL
    return LOCAL_URL


def normalize_api_url(value: str) -> str:
    """A usable base URL (scheme http/https, a host, no trailing slash), or ValueError."""
    url = value.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("Ange en adress som börjar med http:// eller https://")
    if parts.query or parts.fragment:
        raise ValueError("Adressen får inte innehålla ? eller #")
    return url


def resolve_api_url(
    saved: str | None,
    platform: str | None,
    *,
    web: bool,
    environ: dict[str, str] | None = None,
) -> str:
    """The saved setting wins, then the environment variable, then the platform default."""
    env = os.environ if environ is None else environ
    for candidate in (saved, env.get(ENV_VAR)):
        if candidate:
            try:
                return normalize_api_url(candidate)
            except ValueError:
                continue
    return default_api_url(platform, web=web)


def developer_build(api_url: str, environ: dict[str, str] | None = None) -> bool:
    """Whether "Serverinställningar" are shown: WISDOM_DEV=1 (or 0) decides; without it, a
    build that talks to a developer's own machine is a development build. Customers' apps
    talk to the real API and never see them (unless revealed with a long press on the logo)."""
    env = os.environ if environ is None else environ
    flag = env.get(DEV_VAR, "").strip().lower()
    if flag:
        return flag in ("1", "true", "yes", "on")
    return (urlsplit(api_url).hostname or "") in LOCAL_HOSTS
