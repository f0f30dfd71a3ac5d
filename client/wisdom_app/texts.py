"""What the actions say to the person (Swedish): confirmations after an action took effect.
Texts that belong to a screen stay in its view; these are shared, or said by an action."""

from wisdom_app import formatting as fmt
from wisdom_app.api import Json


def pay_in_browser(order: Json) -> str:
    return f"Order {order.get('order_number')}: betala i webbläsaren."


# Courses and lessons
ENROLLED = "Du är inskriven. Välkommen!"
COURSE_SAVED = "Kursen är sparad."
COURSE_PUBLISHED = "Kursen är publicerad!"
COURSE_UNPUBLISHED = "Kursen är avpublicerad."
LESSON_SAVED = "Lektionen är sparad."
NEW_LESSON_TITLE = "Ny lektion"
CERTIFICATE_DIALOG = "Spara kursintyget"
CERTIFICATION_SENT = "Certifieringen är skickad för granskning."
CERTIFICATION_REMOVED = "Certifieringen är borttagen."


def lesson_done(percent: int) -> str:
    return f"Bra jobbat! {percent} % av kursen är klar."


def certificate_file(code: str) -> str:
    return f"kursintyg-{code}.pdf"


# Services, seminars, bookings
SERVICE_SAVED = "Tjänsten är sparad."
SERVICE_PUBLISHED = "Tjänsten är publicerad."
SEMINAR_SAVED = "Seminariet är sparat."
SEMINAR_SEATED = "Du är anmäld. Välkommen!"
BOOKING_CANCELED = "Bokningen är avbokad."
REFUND_ON_ITS_WAY = "Återbetalningen är på väg."


def booked_with_credit(start: str) -> str:
    return f"Bokat {fmt.when(start)} med ett klipp."


def booking_moved(start: str) -> str:
    return f"Bokningen är flyttad till {fmt.when(start)}."


# Payouts and admin
FINISH_ONBOARDING = "Slutför uppgifterna i webbläsaren och uppdatera sedan här."
NO_USER_MATCHES = "Ingen användare matchar."
DELETED_USER = "borttagen användare"


# The account (features/account)
RESET_DONE = "Ditt lösenord är bytt. Logga in med det nya lösenordet."
ACCOUNT_DELETED = "Ditt konto är raderat. Tack för tiden med Wisdom."
EXPORT_DIALOG = "Spara dina uppgifter"
EXPORT_TOO_OFTEN = "Du har hämtat dina uppgifter många gånger den senaste timmen. Försök igen senare."


def export_file(day: str) -> str:
    return f"wisdom-mina-uppgifter-{day}.zip"


COVER_SAVED = "Omslagsbilden är sparad."
COVER_REMOVED = "Omslagsbilden är borttagen."
