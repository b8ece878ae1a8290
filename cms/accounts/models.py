"""Who may do what: the roles of a village and an organisation, and invitations.

Wagtail keeps permissions on groups; these models remember which group, collection and
workflow belong to which village or organisation, so `cms.accounts.roles` can find them
again after a rename instead of guessing from names.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long an invitation link works when nobody says otherwise.
INVITATION_DAYS = 7


class VillageRoles(models.Model):
    """The connectors' group, image collection and approval workflow of one village."""

    village = models.OneToOneField("villages.VillageHomePage", on_delete=models.CASCADE,
                                   related_name="roles", verbose_name=_("dorp"))
    connectors = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("groep buurtverbinders"))
    collection = models.ForeignKey("wagtailcore.Collection", on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("fotomap"))
    workflow = models.ForeignKey("wagtailcore.Workflow", on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("goedkeuringsproces"))
    task = models.ForeignKey("wagtailcore.GroupApprovalTask", on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("goedkeuringsstap"))

    class Meta:
        verbose_name = _("rollen van een dorp")
        verbose_name_plural = _("rollen van dorpen")

    def __str__(self) -> str:
        return str(self.village)


class OrganisationRoles(models.Model):
    """The group whose members are the accounts of one organisation."""

    organisation = models.OneToOneField("socialmap.OrganisationPage", on_delete=models.CASCADE,
                                        related_name="roles", verbose_name=_("organisatie"))
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("groep"))

    class Meta:
        verbose_name = _("accounts van een organisatie")
        verbose_name_plural = _("accounts van organisaties")

    def __str__(self) -> str:
        return str(self.organisation)


def hash_token(token: str) -> str:
    """The stored form of an invitation token: a leaked database holds no working link."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Invitations that can still be used."""
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())

    def for_token(self, token: str):
        return self.filter(token_hash=hash_token(token))


class Invitation(models.Model):
    """A link that lets one person create an account for one organisation, once, for a while.

    Only a hash of the token is stored; the link itself is shown once to the connector who
    made it.
    """

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    organisation = models.ForeignKey("socialmap.OrganisationPage", on_delete=models.CASCADE,
                                     related_name="invitations",
                                     verbose_name=_("organisatie"))
    email = models.EmailField(_("e-mailadres"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("uitgenodigd door"))
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    expires_at = models.DateTimeField(_("geldig tot"))
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("account"))

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} ({self.organisation})"

    @classmethod
    def create(cls, organisation, email: str, created_by=None,
               days: int = INVITATION_DAYS, now=None) -> tuple[Invitation, str]:
        """Store a new invitation; returns it with the raw token for the link."""
        now = now or timezone.now()
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            token_hash=hash_token(token), organisation=organisation, email=email,
            created_by=created_by, created_at=now, expires_at=now + timedelta(days=days))
        return invitation, token

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at
