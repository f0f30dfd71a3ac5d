"""Where the app keeps the session's tokens and its settings.

Phones and desktop: the platform's secure storage (Keychain, Keystore, libsecret, DPAPI) through
flet-secure-storage. Web: the browser's storage (SharedPreferences is localStorage there), since
a web page has no keychain. Tests: memory.
"""

import json
from dataclasses import asdict, dataclass
from typing import Any, Protocol

import flet as ft

TOKENS_KEY = "wisdom.tokens"
API_URL_KEY = "wisdom.api_url"


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: str | None) -> "Tokens | None":
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return cls(
                access_token=str(data["access_token"]),
                refresh_token=str(data["refresh_token"]),
            )
        except (ValueError, KeyError, TypeError):
            return None  # a damaged entry counts as signed out


class TokenStore(Protocol):
    async def load(self) -> Tokens | None: ...
    async def save(self, tokens: Tokens) -> None: ...
    async def clear(self) -> None: ...


class SettingsStore(Protocol):
    async def get(self, key: str) -> str | None: ...
    async def set(self, key: str, value: str) -> None: ...
    async def remove(self, key: str) -> None: ...


class MemoryTokenStore:
    def __init__(self, tokens: Tokens | None = None) -> None:
        self.tokens = tokens

    async def load(self) -> Tokens | None:
        return self.tokens

    async def save(self, tokens: Tokens) -> None:
        self.tokens = tokens

    async def clear(self) -> None:
        self.tokens = None


class MemorySettings:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    async def get(self, key: str) -> str | None:
        return self.values.get(key)

    async def set(self, key: str, value: str) -> None:
        self.values[key] = value

    async def remove(self, key: str) -> None:
        self.values.pop(key, None)


class PreferencesSettings:
    """Settings in SharedPreferences (localStorage on web, the platform's preferences else)."""

    def __init__(self, prefs: ft.SharedPreferences) -> None:
        self.prefs = prefs

    async def get(self, key: str) -> str | None:
        value: Any = await self.prefs.get(key)
        return value if isinstance(value, str) else None

    async def set(self, key: str, value: str) -> None:
        await self.prefs.set(key, value)

    async def remove(self, key: str) -> None:
        await self.prefs.remove(key)


class BrowserTokenStore:
    """Tokens in the browser's storage (web)."""

    def __init__(self, settings: SettingsStore) -> None:
        self.settings = settings

    async def load(self) -> Tokens | None:
        return Tokens.from_json(await self.settings.get(TOKENS_KEY))

    async def save(self, tokens: Tokens) -> None:
        await self.settings.set(TOKENS_KEY, tokens.to_json())

    async def clear(self) -> None:
        await self.settings.remove(TOKENS_KEY)


class SecureTokenStore:
    """Tokens in the platform's secure storage (phones and desktop)."""

    def __init__(self, storage: Any) -> None:
        # a flet_secure_storage.SecureStorage; typed loosely so that importing this module
        # does not need the extension
        self.storage = storage

    async def load(self) -> Tokens | None:
        return Tokens.from_json(await self.storage.get(TOKENS_KEY))

    async def save(self, tokens: Tokens) -> None:
        await self.storage.set(TOKENS_KEY, tokens.to_json())

    async def clear(self) -> None:
        await self.storage.remove(TOKENS_KEY)


def platform_stores(page: ft.Page) -> tuple[TokenStore, SettingsStore]:
    """The stores for the page's platform. Must run while the page is the current context
    (services register with it when they are created)."""
    settings = PreferencesSettings(ft.SharedPreferences())
    if page.web:
        return BrowserTokenStore(settings), settings
    import flet_secure_storage

    return SecureTokenStore(flet_secure_storage.SecureStorage()), settings
