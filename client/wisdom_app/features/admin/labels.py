"""What the admin screens say about settings and audit entries, in Swedish: a setting's name and
unit, and an audit entry's details ("Belopp: 300 kr · Skäl: skräppost") instead of the API's keys
and raw values (amount_cents: 30000). Pure functions, so tests/test_formatting.py checks them."""

from collections.abc import Callable
from typing import Any

from wisdom_app import formatting as fmt

# Each setting: its name, what it does, and its unit. The API keeps rates in basis points
# (1000 = 10 %); the admin reads and types them in per cent.
SETTINGS = {
    "free_course_limit": (
        "Gratiskurser per elev",
        "Hur många gratiskurser en elev kan vara inskriven i samtidigt.",
        "count",
    ),
    "platform_fee_bps": ("Plattformsavgift", "Plattformens andel av varje försäljning.", "percent"),
    "vat_rate_bps": ("Moms på kvitton", "Momssatsen som står på kvittona.", "percent"),
}


def setting_label(key: str) -> str:
    return SETTINGS[key][0] if key in SETTINGS else "Inställning"


def is_percent(key: str) -> bool:
    return key in SETTINGS and SETTINGS[key][2] == "percent"


def setting_value(key: str, value: Any) -> str:
    """A setting's value as the admin reads it: "10 %" for a rate, the number otherwise."""
    if is_percent(key) and isinstance(value, int):
        return fmt.basis_points(value)
    return str(value)


# Reasons the API records as codes (a failed sign-in), and a few reasons people commonly give.
REASONS = {
    "wrong_password": "fel lösenord",
    "unknown_account": "okänt konto",
    "disabled": "avstängt konto",
    "spam": "skräppost",
    "abuse": "kränkande innehåll",
    "harassment": "trakasserier",
    "fraud": "bedrägeri",
    "duplicate": "dubbelköp",
    "requested_by_customer": "på kundens begäran",
}
REFUND_KINDS = {"credit": "klippet tillbaka", "money": "pengarna tillbaka", "free": "inget att betala tillbaka"}
VIA = {"cli": "kommandoraden"}


def reason(value: Any) -> str:
    text = str(value)
    return REASONS.get(text.strip().lower(), text)


def role(value: Any) -> str:
    return fmt.ROLES.get(str(value), str(value))


def yes_no(value: Any) -> str:
    return "ja" if value else "nej"


def _by_teacher(value: Any) -> str:
    return "läraren" if value else "eleven"


def _number(value: Any) -> str:
    return str(value)


def kronor(cents: Any, currency: Any = "SEK") -> str:
    """An amount in öre, zero included ("0 kr"; fmt.money says "Gratis" for a price of 0)."""
    return fmt.money(int(cents), str(currency or "SEK")) if cents else "0\u00a0kr"


# Meta keys an admin can read something from, in the order shown: (label, how to show the value).
# Keys not listed (ids of refunds, tokens and payments) mean nothing to a person and are left out.
META: list[tuple[str, str, Callable[[Any], str]]] = [
    ("amount_cents", "Belopp", kronor),
    ("reason", "Skäl", reason),
    ("order_number", "Order", _number),
    ("role_from", "Från", role),
    ("role_to", "Till", role),
    ("via", "Via", lambda v: VIA.get(str(v), str(v))),
    ("sessions_ended", "Avslutade inloggningar", _number),
    ("sessions", "Avslutade inloggningar", _number),
    ("session_revoked", "Inloggningen avslutad", yes_no),
    ("terms_version", "Villkorsversion", _number),
    ("reports_resolved", "Stängda anmälningar", _number),
    ("excerpt", "Utdrag", lambda v: f"”{v}”"),
    ("by_teacher", "Avbokad av", _by_teacher),
    ("refund", "Tillbaka", lambda v: REFUND_KINDS.get(str(v), str(v))),
    ("starts_at", "Tiden", fmt.when),
    ("seats", "Bokade platser", _number),
    ("refunded_orders", "Återbetalda ordrar", lambda v: str(len(v)) if isinstance(v, list) else str(v)),
    ("orders_retained", "Ordrar som bokföringen sparar", _number),
    ("provider_ref", "Betalningsreferens", _number),
]


def _from_to(entry: dict[str, Any], meta: dict[str, Any]) -> list[str]:
    """ "Från: Elev · Till: Lärare" (a role) or "Från: 10 % · Till: 12 %" (a setting)."""
    if "from" not in meta and "to" not in meta:
        return []
    if entry.get("action") == "config.update":
        key = str(entry.get("object_id", ""))
        show: Callable[[Any], str] = lambda v: setting_value(key, v)  # noqa: E731
    else:
        show = role
    return [f"{label}: {show(meta[k])}" for k, label in (("from", "Från"), ("to", "Till")) if meta.get(k) is not None]


def audit_details(entry: dict[str, Any]) -> str:
    """An audit entry's meta in Swedish, one "Etikett: värde" per part, joined by " · "."""
    meta = entry.get("meta") or {}
    parts = _from_to(entry, meta)
    if entry.get("action") == "config.update":
        parts.insert(0, setting_label(str(entry.get("object_id", ""))))
    if meta.get("received_amount") is not None:
        parts.append(f"Betalt: {kronor(meta['received_amount'], meta.get('received_currency'))}")
    if entry.get("action") == "payment.amount_mismatch":
        parts.append("Beloppet stämmer inte med ordern")
    for key, label, show in META:
        value = meta.get(key)
        if value in ("", None):
            continue
        parts.append(f"{label}: {show(value)}")
    return " · ".join(parts)
