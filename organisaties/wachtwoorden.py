"""Password rules (AUTH_PASSWORD_VALIDATORS): Django's validators, all answering in Dutch, and
common Dutch passwords refused next to Django's own list."""

import re
import string
from pathlib import Path

from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
)
from django.core.exceptions import ValidationError

NEDERLANDSE_LIJST = Path(__file__).resolve().parent / "wachtwoorden_nl.txt"
# Digits and signs around a word do not make it harder to guess (wachtwoord123, Welkom2024!).
_RAND = string.digits + string.punctuation + string.whitespace
# Digits and signs for letters (W@chtw00rd).
_LETTERS = str.maketrans("@4310$57", "aaeiosst")
_WOORDEN = re.compile(r"[^\w]+|[\d_]+")


def _lees(pad: Path) -> set[str]:
    regels = (r.strip().lower() for r in pad.read_text(encoding="utf-8").splitlines())
    return {r for r in regels if r and not r.startswith("#")}


class MinimaleLengteValidator(MinimumLengthValidator):
    """Django's, with its message in Dutch (Django 5.2's Dutch translation misses it)."""

    def get_error_message(self):
        return f"Dit wachtwoord is te kort: gebruik minstens {self.min_length} tekens."

    def get_help_text(self):
        return f"Uw wachtwoord moet minstens {self.min_length} tekens lang zijn."


class VeelgebruiktWachtwoordValidator(CommonPasswordValidator):
    """Django's list of common passwords plus organisaties/wachtwoorden_nl.txt.

    Also refused: such a password with digits or signs before or after it, with digits or
    signs for letters, or one word twice (zomer2024zomer). A passphrase of several common
    words is fine: length makes it strong.
    """

    def __init__(self):
        super().__init__()  # Django's 20,000
        self.passwords = self.passwords | _lees(NEDERLANDSE_LIJST)

    def _kandidaten(self, wachtwoord: str) -> set[str]:
        geheel = wachtwoord.lower().strip()
        kern = geheel.strip(_RAND)
        kandidaten = {geheel, kern, kern.translate(_LETTERS)}
        woorden = {w for w in _WOORDEN.split(kern) if w}
        if len(woorden) == 1:
            kandidaten |= woorden
        return kandidaten - {""}

    def validate(self, password, user=None):
        if self._kandidaten(password) & self.passwords:
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self):
        return "Dit wachtwoord wordt te vaak gebruikt en is makkelijk te raden."

    def get_help_text(self):
        return (
            "Uw wachtwoord mag geen veelgebruikt wachtwoord zijn, ook niet met cijfers of "
            "tekens ervoor of erachter."
        )
