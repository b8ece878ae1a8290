"""Forms of the invitation flow: a connector invites, the invited person sets a password."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

USERNAME_TAKEN = _("Deze gebruikersnaam is al in gebruik. Kies een andere.")


class InvitationForm(forms.Form):
    """The connector's side: to whom the invitation link is for."""

    email = forms.EmailField(
        label=_("E-mailadres van de organisatie"),
        help_text=_("Wij mailen de uitnodiging naar dit adres; u kunt de link daarna ook "
                    "zelf kopiëren. De link werkt één keer en is een week geldig."))


class AcceptInvitationForm(forms.Form):
    """The invited person's side: a user name and a password for the new account."""

    username = forms.CharField(
        label=_("Gebruikersnaam"), max_length=150,
        help_text=_("Hiermee logt u in. Uw e-mailadres mag ook."))
    password1 = forms.CharField(label=_("Wachtwoord"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text=password_validation.password_validators_help_text_html())
    password2 = forms.CharField(label=_("Wachtwoord nog een keer"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        user_model = get_user_model()
        user_model.username_validator(username)
        if user_model.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(USERNAME_TAKEN)
        return username

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif password1 and "username" in cleaned:
            # Validate against the account as it will be, so "too similar to your user
            # name" works before the account exists.
            candidate = get_user_model()(username=cleaned["username"], email=self.email)
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
