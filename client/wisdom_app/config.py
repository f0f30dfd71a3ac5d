"""Where the API is: a saved setting, else WISDOM_API_URL, else the default for the platform.

The defaults point at a developer's own machine: the Android emulator reaches the host's
loopback through 10.0.2.2; the iOS simulator, desktop and web reach it as 127.0.0.1.
"""

import os
from urllib.parse import urlsplit

ENV_VAR = "WISDOM_API_URL"
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
