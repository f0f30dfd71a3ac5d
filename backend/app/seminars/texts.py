"""The Swedish texts of seminar mails and notifications, with times in Europe/Stockholm."""

from datetime import datetime

from app.mail.swedish import SIGNATURE, STOCKHOLM, Message, clock, swedish_time


def _day_word(moment: datetime, now: datetime) -> str:
    days = (moment.astimezone(STOCKHOLM).date() - now.astimezone(STOCKHOLM).date()).days
    return {0: "i dag", 1: "i morgon"}.get(days, swedish_time(moment).rsplit(" kl.", 1)[0])


def reminder(
    kind: str, name: str, title: str, host: str, starts_at: datetime, now: datetime
) -> Message:
    # The 1-hour reminder may go out later than exactly an hour before (a late registration).
    when = "snart" if kind == "1h" else _day_word(starts_at, now)
    subject = f"Påminnelse: {title} börjar {when} kl. {clock(starts_at)}"
    body = (
        f"Hej {name}!\n\n"
        f"Seminariet ”{title}” med {host} börjar {swedish_time(starts_at)} (svensk tid).\n\n"
        "Du kan gå in i seminarierummet från 15 minuter före start: öppna seminariet i "
        "Wisdom-appen och välj Anslut. Använd gärna hörlurar och testa ljudet i förväg."
        f"{SIGNATURE}"
    )
    return Message(subject, body, f"{title} börjar {when}", f"Start {swedish_time(starts_at)}.")


def seat_granted(name: str, title: str, starts_at: datetime) -> Message:
    body = (
        f"Hej {name}!\n\n"
        f"En plats blev ledig och den är nu din: du är anmäld till ”{title}”, "
        f"{swedish_time(starts_at)} (svensk tid).\n\n"
        "Kan du inte komma? Avboka i Wisdom-appen så går platsen vidare till nästa på väntelistan."
        f"{SIGNATURE}"
    )
    return Message(
        f"Du har fått en plats: {title}",
        body,
        f"Du har fått en plats på {title}",
        f"Start {swedish_time(starts_at)}.",
    )


def seat_offered(name: str, title: str, starts_at: datetime, expires_at: datetime) -> Message:
    body = (
        f"Hej {name}!\n\n"
        f"En plats blev ledig på ”{title}”, {swedish_time(starts_at)} (svensk tid), och du står "
        f"först på väntelistan. Platsen är reserverad för dig till {swedish_time(expires_at)}: "
        "köp den i Wisdom-appen innan dess. Efter det går erbjudandet vidare till nästa på listan."
        f"{SIGNATURE}"
    )
    return Message(
        f"En plats är reserverad för dig: {title}",
        body,
        f"En plats på {title} är reserverad för dig",
        f"Köp den senast {swedish_time(expires_at)}.",
    )


def lost_last_seat(name: str, title: str) -> Message:
    body = (
        f"Hej {name}!\n\n"
        f"Tyvärr hann någon annan före till den sista platsen på ”{title}” medan din betalning "
        "behandlades. Hela beloppet betalas tillbaka till dig automatiskt, och du står nu först "
        "på väntelistan: blir en plats ledig reserveras den för dig och du får ett mejl."
        f"{SIGNATURE}"
    )
    return Message(
        f"Platsen hann tyvärr ta slut: {title}",
        body,
        f"Platsen på {title} tog slut",
        "Du får pengarna tillbaka och står först på väntelistan.",
    )


def canceled(name: str, title: str, starts_at: datetime, reason: str, refunded: bool) -> Message:
    money = "\n\nDu får tillbaka hela beloppet du betalade." if refunded else ""
    why = f"\n\nMeddelande från värden: {reason}" if reason else ""
    body = (
        f"Hej {name}!\n\n"
        f"Seminariet ”{title}”, {swedish_time(starts_at)}, är tyvärr inställt.{why}{money}"
        f"{SIGNATURE}"
    )
    return Message(
        f"Inställt: {title}",
        body,
        f"{title} är inställt",
        "Du får tillbaka det du betalat." if refunded else "",
    )


def rescheduled(name: str, title: str, starts_at: datetime) -> Message:
    body = (
        f"Hej {name}!\n\n"
        f"Seminariet ”{title}” har fått en ny tid: {swedish_time(starts_at)} (svensk tid). "
        "Din plats gäller den nya tiden. Kan du inte komma? Avboka i Wisdom-appen."
        f"{SIGNATURE}"
    )
    return Message(
        f"Ny tid: {title}",
        body,
        f"{title} har fått en ny tid",
        f"Ny start {swedish_time(starts_at)}.",
    )
