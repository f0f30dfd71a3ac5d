"""Reading a teacher's form fields into what the API takes (prices in öre, whole numbers,
Stockholm times), shared by the studio's editors and the course editor. Each parser raises
ValueError with a Swedish message the form shows as it is."""

from datetime import datetime

from wisdom_app import formatting as fmt

# The width of an editor's form (a service, a seminar, a new course).
EDITOR_MAX_WIDTH = 720


def kronor_text(cents: int | None) -> str:
    """A price in öre as the teacher types it: "450", or "450,50" when there are öre."""
    if not cents:
        return "0"
    kronor, ore = divmod(int(cents), 100)
    return f"{kronor},{ore:02d}" if ore else str(kronor)


def parse_int(text: str, label: str) -> int:
    try:
        return int(text.strip())
    except ValueError as exc:
        raise ValueError(f"{label} ska vara ett heltal.") from exc


def parse_price(text: str) -> int:
    """Kronor as typed, in öre."""
    try:
        return fmt.parse_kronor(text)
    except ValueError as exc:
        raise ValueError("Priset ska vara ett belopp i kronor, till exempel 450.") from exc


def parse_local(text: str) -> datetime:
    """ "2026-12-03 18:00" in Stockholm time."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=fmt.STOCKHOLM)
    except ValueError as exc:
        raise ValueError("Välj startdatum och starttid.") from exc


def local_text(moment: datetime | None) -> str:
    """A time as parse_local reads it back."""
    return moment.astimezone(fmt.STOCKHOLM).strftime("%Y-%m-%d %H:%M") if moment else ""
