"""How the app writes money, times and statuses in Swedish."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# Weekdays and months are written in lower case everywhere, as Swedish writes them ("tis 3 dec").
WEEKDAYS = ["mån", "tis", "ons", "tors", "fre", "lör", "sön"]
MONTHS = [
    "jan",
    "feb",
    "mars",
    "apr",
    "maj",
    "juni",
    "juli",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
]

ORDER_STATUS = {
    "pending": "Väntar på betalning",
    "paid": "Betald",
    "fulfilled": "Betald och levererad",
    "canceled": "Avbruten",
    "refunded": "Återbetald",
    "partially_refunded": "Delvis återbetald",
}
BOOKING_STATUS = {
    "held": "Väntar på betalning",
    "booked": "Bokad",
    "canceled": "Avbokad",
    "completed": "Genomförd",
    "no_show": "Uteblev",
    "expired": "Ej betald i tid",
}
SERVICE_KINDS = {
    "reading": "Läsning",
    "coaching": "Coachning",
    "session": "Session",
    "package": "Paket",
}
DELIVERY = {"online": "Online", "in_person": "På plats"}
STATUS_LABELS = {
    "draft": "Utkast",
    "active": "Aktiv",
    "published": "Publicerad",
    "archived": "Arkiverad",
    "scheduled": "Planerat",
    "live": "Pågår",
    "ended": "Avslutat",
}
LEVELS = {
    "beginner": "Nybörjare",
    "intermediate": "Fortsättning",
    "advanced": "Avancerad",
}
# A course's category (GET /courses?category=), in the order the filter lists them.
CATEGORIES = {
    "meditation": "Meditation",
    "yoga": "Yoga",
    "breathwork": "Andning",
    "mindfulness": "Mindfulness",
    "tarot": "Tarot",
    "astrology": "Astrologi",
    "healing": "Healing",
    "coaching": "Coachning",
    "other": "Övrigt",
}
# A course's badge on its card and page (the API's keys).
BADGES = {
    "new": "Nyhet",
    "popular": "Populär",
    "beginner_friendly": "Nybörjarvänlig",
    "in_depth": "Fördjupning",
}
ROLES = {"student": "Elev", "teacher": "Lärare", "admin": "Administratör"}


def count(n: int | None, one: str, many: str) -> str:
    """A number with its noun in the right form: count(1, "lektion", "lektioner") -> "1 lektion"."""
    value = int(n or 0)
    return f"{value} {one if value == 1 else many}"


def lessons_done(done: int | None, total: int | None) -> str:
    """ "2 av 3 lektioner klara", "0 av 1 lektion klar" (the noun agrees with the total)."""
    total_value = int(total or 0)
    return f"{int(done or 0)} av {count(total_value, 'lektion', 'lektioner')} {'klar' if total_value == 1 else 'klara'}"


def money(cents: int | None, currency: str = "SEK") -> str:
    """1234500 -> "12 345 kr"; öre only when there are any."""
    if not cents:
        return "Gratis"
    kronor, ore = divmod(int(cents), 100)
    whole = f"{kronor:,}".replace(",", "\u00a0")
    amount = f"{whole},{ore:02d}" if ore else whole
    return f"{amount}\u00a0kr" if currency == "SEK" else f"{amount}\u00a0{currency}"


def parse_time(value: str | datetime | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def when(value: str | datetime | None) -> str:
    """ "tis 3 dec 14:00" in Stockholm time."""
    moment = parse_time(value)
    if moment is None:
        return ""
    local = moment.astimezone(STOCKHOLM)
    return f"{WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]} {local:%H:%M}"


def clock(value: str | datetime | None) -> str:
    """ "14:00" in Stockholm time."""
    moment = parse_time(value)
    return "" if moment is None else f"{moment.astimezone(STOCKHOLM):%H:%M}"


def weekday_date(value: str | datetime | date) -> str:
    """ "tis 3 dec" (a date, or a moment in Stockholm time)."""
    local = value if isinstance(value, date) and not isinstance(value, datetime) else parse_time(value)
    if local is None:
        return ""
    if isinstance(local, datetime):
        local = local.astimezone(STOCKHOLM).date()
    return f"{WEEKDAYS[local.weekday()]} {local.day} {MONTHS[local.month - 1]}"


def local_date(value: str | datetime | None) -> date | None:
    moment = parse_time(value)
    return None if moment is None else moment.astimezone(STOCKHOLM).date()


def today() -> date:
    """Today's date in Stockholm."""
    return datetime.now(STOCKHOLM).date()


def day(value: str | datetime | None) -> str:
    """ "3 dec 2026" in Stockholm time."""
    moment = parse_time(value)
    if moment is None:
        return ""
    local = moment.astimezone(STOCKHOLM)
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}"


def minutes(value: int | None) -> str:
    if not value:
        return ""
    hours, rest = divmod(int(value), 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def percent(done: int | None, total: int | None) -> int:
    """Whole per cent, rounded half up (2 of 3 is 67): never 100 before all is done, nor 0
    once something is."""
    done, total = int(done or 0), int(total or 0)
    if total <= 0 or done <= 0:
        return 0
    if done >= total:
        return 100
    return min(99, max(1, (200 * done + total) // (2 * total)))


def basis_points(bps: int | None) -> str:
    """A rate kept in basis points as people say it: 1000 -> "10 %", 1250 -> "12,5 %"."""
    whole, rest = divmod(int(bps or 0), 100)
    decimals = f"{rest:02d}".rstrip("0")
    return f"{whole},{decimals}\u00a0%" if decimals else f"{whole}\u00a0%"


def parse_percent(text: str) -> int:
    """ "10", "12,5" or "12,5 %" -> basis points (1250); ValueError for anything else."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
    value = float(cleaned.replace(",", "."))
    if not 0 <= value < 1e9:  # negative, too large, or not a number at all ("nan")
        raise ValueError("out of range")
    bps = value * 100
    if abs(bps - round(bps)) > 1e-6:
        raise ValueError("finer than a basis point")
    return round(bps)


def parse_kronor(text: str) -> int:
    """ "450" or "450,50" -> cents; ValueError for anything else."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("kr", "")
    if not cleaned:
        return 0
    value = float(cleaned.replace(",", "."))
    if value < 0:
        raise ValueError("negative")
    return round(value * 100)
