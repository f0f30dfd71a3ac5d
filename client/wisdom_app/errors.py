"""API errors turned into Swedish sentences a person understands.

The API answers every error with {"error": code, "detail": text} (English, for developers);
the app shows the sentence for the code, or a general one for the status when the code is new.
"""

from dataclasses import dataclass, field

from wisdom_app import formatting as fmt

NETWORK_MESSAGE = "Kan inte nå servern. Kontrollera din internetanslutning och försök igen."
TIMEOUT_MESSAGE = "Servern svarar inte just nu. Försök igen om en stund."

# Messages per error code. Domain codes first, then the generic codes of app.errors.
MESSAGES: dict[str, str] = {
    # accounts
    "invalid_credentials": "Fel e-postadress eller lösenord.",
    "email_unavailable": "Den e-postadressen kan inte användas. Har du redan ett konto?",
    "password_length": "Lösenordet ska vara mellan 8 och 128 tecken.",
    "password_too_common": "Lösenordet är för vanligt. Välj ett som är svårare att gissa.",
    "wrong_password": "Det nuvarande lösenordet stämmer inte.",
    "invalid_reset_token": "Länken är ogiltig eller har gått ut. Begär en ny.",
    "account_has_obligations": (
        "Kontot kan inte raderas än: andra väntar på något från dig (kommande seminarier med deltagare, "
        "bokade pass, betalda beställningar eller sålda paket med klipp kvar). Avsluta eller avboka dem först."
    ),
    "refresh_token_reused": "Du har loggats ut av säkerhetsskäl. Logga in igen.",
    "user_not_found": "Användaren finns inte.",
    "not_owner": "Det här tillhör någon annan.",
    "invalid_price_range": "Lägsta pris kan inte vara högre än högsta pris.",
    "account_disabled": "Kontot är avstängt. Kontakta oss om du tror att det är fel.",
    "invalid_token": "Du har loggats ut. Logga in igen.",
    "invalid_refresh_token": "Du har loggats ut. Logga in igen.",
    "token_expired": "Du har loggats ut. Logga in igen.",
    "session_ended": "Du har loggats ut. Logga in igen.",
    "not_authenticated": "Du behöver logga in först.",
    "teacher_required": "Det här kan bara godkända lärare göra.",
    "admin_required": "Det här kan bara administratörer göra.",
    "invalid_cursor": "Listan har ändrats. Ladda om den.",
    # marketplace
    "service_unavailable_for_purchase": "Tjänsten går inte att köpa just nu.",
    "own_item": "Du kan inte köpa något du själv säljer.",
    "already_paid": "Beställningen är redan betald.",
    "order_not_pending": "Beställningen kan inte betalas längre.",
    "payments_disabled": "Betalningar är inte påslagna på servern.",
    "already_enrolled": "Du är redan inskriven på kursen.",
    "free_course_limit": "Du har nått gränsen för antal gratiskurser.",
    "course_not_free": "Kursen kostar pengar. Köp den för att börja.",
    "seminar_full": "Seminariet är fullbokat.",
    "already_registered": "Du är redan anmäld till seminariet.",
    "not_registered": "Du är inte anmäld till seminariet.",
    "seminar_not_open": "Seminariet går inte att gå med i just nu.",
    "room_not_open": "Rummet öppnar strax före start. Försök igen då.",
    "not_seated": "Du har ingen plats på seminariet.",
    "seminar_canceled": "Seminariet är inställt.",
    "seminar_ended": "Seminariet är slut.",
    # bookings
    "slot_required": "Välj en tid först.",
    "slot_taken": "Tiden blev precis bokad av någon annan. Välj en annan tid.",
    "slot_unavailable": "Läraren erbjuder inte den tiden. Välj en annan tid.",
    "slot_too_soon": "Tiden ligger för nära i tiden. Välj en senare tid.",
    "slot_too_far": "Tiden ligger för långt fram. Välj en tidigare tid.",
    "slot_not_allowed": "Paket köps utan tid. Boka sedan tider med dina klipp.",
    "not_taking_bookings": "Läraren tar inte emot bokningar just nu.",
    "not_bookable": "Den här tjänsten bokas inte med tid.",
    "package_not_ready": "Paketet går inte att köpa än.",
    "no_credit": "Du har inget giltigt klipp hos läraren för ett så långt pass.",
    "use_order": "Tiden behöver köpas. Välj Köp i stället.",
    "booking_not_found": "Bokningen finns inte.",
    "booking_not_confirmed": "Tiden är inte betald än. Avbryt beställningen i stället.",
    "booking_not_active": "Bokningen är inte aktiv längre.",
    "booking_started": "Passet har redan börjat.",
    "reschedule_window_passed": "Det är för sent att boka om. Kontakta läraren.",
    "same_time": "Bokningen har redan den tiden.",
    "already_refunded": "Det är redan återbetalt.",
    "invalid_range": "Datumintervallet är ogiltigt.",
    "range_too_long": "Välj ett kortare datumintervall.",
    # teachers and messages
    "teacher_not_found": "Läraren finns inte (längre) på Wisdom.",
    "messaging_not_allowed": (
        "Du kan skriva till en lärare när du har köpt något av hen, går en av hens kurser "
        "eller har en plats på ett av hens seminarier."
    ),
    "blocked": "Den här personen tar inte emot meddelanden från dig.",
    "blocked_by_you": "Du har blockerat den här personen. Häv blockeringen för att skriva.",
    "conversation_not_found": "Samtalet finns inte.",
    "own_account": "Det går inte med ditt eget konto.",
    # admin
    "self_change": "Du kan inte ändra din egen roll eller stänga av dig själv.",
    "application_closed": "Ansökan är redan behandlad.",
    "application_not_found": "Ansökan finns inte.",
    "certification_closed": "Certifieringen är redan granskad.",
    "certification_not_found": "Certifieringen finns inte.",
    "report_resolved": "Anmälan är redan hanterad.",
    "report_not_found": "Anmälan finns inte.",
    "order_not_refundable": "Beställningen kan inte återbetalas.",
    "nothing_to_refund": "Allt som betalats är redan återbetalt.",
    "refund_exceeds_paid": "Beloppet är större än det som går att återbetala.",
    "no_payment": "Beställningen har ingen betalning att återbetala.",
    "not_seller": "Bara säljaren eller en administratör kan återbetala.",
    "unknown_setting": "Inställningen finns inte.",
    # generic codes (app.errors)
    "bad_request": "Begäran kunde inte behandlas.",
    "unauthorized": "Du behöver logga in igen.",
    "forbidden": "Du har inte behörighet att göra det.",
    "not_found": "Det du letar efter finns inte (längre).",
    "method_not_allowed": "Appen och servern är inte överens. Uppdatera appen.",
    "conflict": "Det gick inte eftersom något har ändrats. Ladda om och försök igen.",
    "payload_too_large": "Filen är för stor.",
    "unsupported_media_type": "Den filtypen stöds inte.",
    "validation_error": "Kontrollera uppgifterna och försök igen.",
    "rate_limited": "För många försök. Vänta en stund och försök igen.",
    "service_unavailable": "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.",
}

STATUS_MESSAGES: dict[int, str] = {
    400: MESSAGES["bad_request"],
    401: MESSAGES["unauthorized"],
    403: MESSAGES["forbidden"],
    404: MESSAGES["not_found"],
    409: MESSAGES["conflict"],
    413: MESSAGES["payload_too_large"],
    422: MESSAGES["validation_error"],
    429: MESSAGES["rate_limited"],
    503: MESSAGES["service_unavailable"],
}
GENERAL_MESSAGE = "Något gick fel. Försök igen om en stund."

# Field names of validation errors as a person calls them.
FIELD_NAMES: dict[str, str] = {
    "email": "E-post",
    "password": "Lösenord",
    "new_password": "Nytt lösenord",
    "display_name": "Visningsnamn",
    "bio": "Om mig",
    "title": "Titel",
    "description": "Beskrivning",
    "summary": "Sammanfattning",
    "price_cents": "Pris",
    "duration_minutes": "Längd",
    "capacity": "Antal platser",
    "starts_at": "Start",
    "ends_at": "Slut",
    "body": "Text",
    "content_md": "Lektionstext",
    "reason": "Motivering",
    "amount_cents": "Belopp",
    "values": "Värde",
    "slot_start": "Tid",
}


@dataclass
class ApiError(Exception):
    """An error from the API (status > 0) or from reaching it (status 0)."""

    status: int
    code: str
    detail: str = ""
    fields: list[dict[str, str]] = field(default_factory=list)
    retry_after: int | None = None

    def __post_init__(self) -> None:
        super().__init__(f"{self.status} {self.code}: {self.detail}")

    @property
    def message(self) -> str:
        """The Swedish sentence to show."""
        return swedish_message(self)

    @property
    def is_network(self) -> bool:
        return self.status == 0


def swedish_message(error: ApiError) -> str:
    if error.code == "network_error":
        return NETWORK_MESSAGE
    if error.code == "timeout":
        return TIMEOUT_MESSAGE
    base = MESSAGES.get(error.code) or STATUS_MESSAGES.get(error.status) or GENERAL_MESSAGE
    if error.code == "rate_limited" and error.retry_after:
        return f"För många försök. Vänta {fmt.count(error.retry_after, 'sekund', 'sekunder')} och försök igen."
    if error.code == "validation_error" and error.fields:
        names = sorted({FIELD_NAMES.get(f.get("field", ""), "") for f in error.fields} - {""})
        if names:
            return f"{base} Se över: {', '.join(names)}."
    return base
