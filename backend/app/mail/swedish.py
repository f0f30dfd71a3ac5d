"""Swedish wording shared by every mail and notification: times in Stockholm, the signature,
and the shape of a message (mail plus in-app notice)."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december")  # fmt: skip
SIGNATURE = "\n\nVarma hälsningar,\nWisdom by SoulWisdom"


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    title: str  # the in-app notification's title
    notice: str  # the in-app notification's body


def swedish_time(moment: datetime) -> str:
    """'fredag 5 december 2025 kl. 17:00' in Swedish time."""
    local = moment.astimezone(STOCKHOLM)
    return (
        f"{_WEEKDAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local.year} "
        f"kl. {local:%H:%M}"
    )


def clock(moment: datetime) -> str:
    return f"{moment.astimezone(STOCKHOLM):%H:%M}"
