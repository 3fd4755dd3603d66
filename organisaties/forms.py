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


class CodeFormulier(forms.Form):
    """One code: six digits from the authenticator app, or (when logging in) a backup code."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        error_messages={"required": "Vul de code in."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, alleen_cijfers: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["code"]
        if alleen_cijfers:
            veld.label = "Code uit de app"
            veld.help_text = "De zes cijfers die de app nu toont."
            veld.widget.attrs["inputmode"] = "numeric"
        else:
            veld.help_text = "De zes cijfers uit uw authenticator-app, of een van uw reservecodes."
