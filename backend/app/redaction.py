"""What is left of a deleted person in other people's copies (a notification "Nytt meddelande
från Maja Berg", the teacher's mail "Maja Berg har avbokat … Orsak: …"): the name becomes
"en borttagen användare", the address goes, and what the person wrote is dropped."""

import re
from dataclasses import dataclass, field

DELETED_PERSON = "en borttagen användare"
TEXT_REMOVED = "(borttagen text)"
# A name at the start of a sentence gets a capital letter.
_SENTENCE_START = re.compile(r"(^|[.!?:]\s+|\n\s*)$")


@dataclass(frozen=True)
class Redaction:
    name: str
    email: str
    # What the person wrote that others' copies may quote verbatim (a cancellation reason).
    writings: tuple[str, ...] = field(default=())

    def apply(self, text: str) -> str:
        for written in sorted(self._quotable(), key=len, reverse=True):
            text = text.replace(written, TEXT_REMOVED)
        if self.email:
            text = re.sub(re.escape(self.email), DELETED_PERSON, text, flags=re.IGNORECASE)
        if self.name.strip():
            text = re.sub(re.escape(self.name), lambda m: _person_at(text, m.start()), text)
        return text

    def _quotable(self) -> set[str]:
        forms = set()
        for written in self.writings:
            if written.strip():
                forms.add(written)
                forms.add(" ".join(written.split()))
        return forms


def _person_at(text: str, position: int) -> str:
    if _SENTENCE_START.search(text[:position]):
        return DELETED_PERSON[0].upper() + DELETED_PERSON[1:]
    return DELETED_PERSON
