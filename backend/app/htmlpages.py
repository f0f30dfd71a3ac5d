"""The response for the few HTML pages the API renders itself (the dummy provider's checkout and
onboarding, the pages Checkout and Connect return to, certificate verification), with the
headers that keep a browser from running, framing or sniffing anything else in them.

The pages have no scripts, images or external assets, only an inline <style> and sometimes a
form, so the policy allows exactly that: no script can run even if text ever escaped its
escaping, no other site can frame them (clickjacking the "Betala" button), and a form can
post only to this API and to where that post redirects (browsers check form-action on the
redirect too).
"""

from collections.abc import Iterable
from urllib.parse import urlsplit

from fastapi.responses import HTMLResponse


def url_source(url: str) -> str | None:
    """The CSP source expression that allows `url`: its origin, or its scheme for a custom
    scheme (an app's deep link); None for a relative URL (covered by 'self')."""
    parts = urlsplit(url)
    if not parts.scheme:
        return None
    if parts.scheme in ("http", "https"):
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else None
    return f"{parts.scheme}:"


def content_security_policy(form_action: Iterable[str] | None = None) -> str:
    """`form_action`: None for a page without a form; else the URLs its form is redirected to
    after posting to this API (which 'self' allows)."""
    if form_action is None:
        allowed = "'none'"
    else:
        sources = dict.fromkeys(s for s in map(url_source, form_action) if s)
        allowed = " ".join(["'self'", *sources])
    return (
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
        f"form-action {allowed}; frame-ancestors 'none'"
    )


def page_headers(form_action: Iterable[str] | None = None) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(form_action),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


class HTMLPage(HTMLResponse):
    """An HTMLResponse with page_headers(). A page with a form passes `form_action`: where the
    form's post to this API redirects (empty when it does not)."""

    def __init__(
        self, content: str, status_code: int = 200, *, form_action: Iterable[str] | None = None
    ) -> None:
        super().__init__(content, status_code=status_code, headers=page_headers(form_action))
