"""Invitations: the admin page where a connector invites an organisation, and the public
page where the invited person creates the account and lands on their own entry."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.accounts.forms import USERNAME_TAKEN, AcceptInvitationForm, InvitationForm
from cms.accounts.mail import send_invitation
from cms.accounts.models import Invitation, OrganisationRoles
from cms.accounts.roles import create_organisation_account, organisations_for_user
from cms.socialmap.models import OrganisationPage


def may_invite(user, organisation) -> bool:
    """Whoever may publish an organisation's page may invite people to keep it up to date."""
    return organisation.permissions_for_user(user).can_publish()


class InviteOrganisationView(WagtailAdminTemplateMixin, FormView):
    """Admin page "Organisatie uitnodigen": make a link for one organisation, mail it and
    show it to copy."""

    form_class = InvitationForm
    template_name = "accounts/invite.html"
    page_title = gettext_lazy("Organisatie uitnodigen")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not may_invite(request.user, self.organisation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def organisation(self) -> OrganisationPage:
        return get_object_or_404(OrganisationPage, pk=self.kwargs["page_id"])

    def get_page_subtitle(self):
        return self.organisation.title

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items,
                {"url": reverse("wagtailadmin_pages:edit", args=[self.organisation.pk]),
                 "label": self.organisation.title},
                {"url": "", "label": self.page_title}]

    def get_initial(self):
        return {"email": self.organisation.email}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        roles = OrganisationRoles.objects.filter(organisation=self.organisation).first()
        context.update(
            organisation=self.organisation,
            open_invitations=self.organisation.invitations.open(),
            accounts=roles.group.user_set.order_by("username") if roles else [],
        )
        return context

    def form_valid(self, form):
        invitation, token = Invitation.create(self.organisation, form.cleaned_data["email"],
                                              created_by=self.request.user)
        link = self.request.build_absolute_uri(reverse("accounts:accept", args=[token]))
        mail_sent = send_invitation(invitation, link)
        # The link is shown once, mailed or not: only its hash is stored.
        response = self.render_to_response(self.get_context_data(
            form=InvitationForm(), link=link, invitation=invitation, mail_sent=mail_sent))
        response["Cache-Control"] = "no-store"
        return response


def own_organisation(request):
    """Menu item "Uw organisatie": the edit page of the user's own entry."""
    organisation = organisations_for_user(request.user).first()
    if organisation is None:
        return redirect("wagtailadmin_home")
    return redirect("wagtailadmin_pages:edit", organisation.pk)


def keeps_token_on_this_site(view):
    """The invitation token is in the address: send referrers only to this site.

    Not "no-referrer": with it Chromium and Firefox send `Origin: null` with the form's own
    POST, which Django's CSRF check refuses. "same-origin" lets that POST carry the real
    origin and still keeps the address from every other site the page links to.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        return response

    return wrapper


def _unusable_because(invitation) -> str | None:
    if invitation is None:
        return "unknown"
    if invitation.is_used:
        return "used"
    if invitation.is_expired():
        return "expired"
    return None


def _invalid(request, reason: str) -> TemplateResponse:
    texts = {
        "unknown": _("Deze uitnodiging bestaat niet. Controleer of u de hele link heeft "
                     "gekopieerd, of vraag de buurtverbinder om een nieuwe."),
        "used": _("Deze uitnodiging is al gebruikt. Heeft u al een account? Log dan in. "
                  "Anders kan de buurtverbinder u een nieuwe uitnodiging sturen."),
        "expired": _("Deze uitnodiging is verlopen. Vraag de buurtverbinder om een nieuwe."),
    }
    return TemplateResponse(request, "accounts/invitation_invalid.html",
                            {"message": texts[reason]},
                            status=404 if reason == "unknown" else 410)


def _redeem(invitation, form):
    """Create the account and mark the invitation used, or say why it can no longer be.

    Returns `(user, None)` or `(None, reason)`. Two submissions of one link make one
    account: the row is locked (PostgreSQL), or the transaction holds SQLite's write lock
    from its start (IMMEDIATE), and the invitation is checked again under that lock.
    """
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        reason = _unusable_because(locked)
        if reason:
            return None, reason
        user = create_organisation_account(
            invitation.organisation.specific, form.cleaned_data["username"],
            invitation.email, form.cleaned_data["password1"])
        locked.used_at = timezone.now()
        locked.used_by = user
        locked.save(update_fields=["used_at", "used_by"])
    return user, None


@never_cache
@keeps_token_on_this_site
def accept_invitation(request, token: str):
    """Public page of an invitation link: choose a user name and password, once."""
    invitation = Invitation.objects.for_token(token).select_related("organisation").first()
    reason = _unusable_because(invitation)
    if reason:
        return _invalid(request, reason)

    form = AcceptInvitationForm(request.POST or None, email=invitation.email,
                                initial={"username": invitation.email})
    if request.method == "POST" and form.is_valid():
        try:
            user, reason = _redeem(invitation, form)
        except IntegrityError:
            # Someone else took the user name between the form's check and now.
            form.add_error("username", USERNAME_TAKEN)
        else:
            if reason:
                return _invalid(request, reason)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welkom! Hier past u de gegevens van uw organisatie "
                                        "aan. Een buurtverbinder kijkt mee voordat het "
                                        "online komt."))
            return redirect("wagtailadmin_pages:edit", invitation.organisation_id)

    return TemplateResponse(request, "accounts/accept_invitation.html",
                            {"form": form, "invitation": invitation,
                             "organisation": invitation.organisation})
