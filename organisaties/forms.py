from django import forms
from django.contrib.auth.forms import AuthenticationForm


class InlogFormulier(AuthenticationForm):
    error_messages = {
        "invalid_login": "De combinatie van gebruikersnaam en wachtwoord klopt niet.",
        "inactive": "Dit account is niet actief.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Gebruikersnaam"
        self.fields["password"].label = "Wachtwoord"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )
