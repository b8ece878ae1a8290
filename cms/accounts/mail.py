"""The invitation e-mail: what an invited organisation receives, sent through Django's mail
framework (SMTP in production, the console in the demo, memory in the tests).

A mail that cannot be sent never loses the invitation: `send_invitation` reports the failure
and the connector copies the link by hand instead.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Seconds the connector waits for a mail server that does not answer, when the settings
# do not say (Django's own default is to wait for ever).
SEND_TIMEOUT = 20


def expiry_in_words(invitation) -> str:
    """When the link stops working, in Dutch and in the village's time zone:
    "15 december 2026 om 14:30 uur"."""
    village = invitation.organisation.get_village()
    zone = ZoneInfo(village.timezone) if village and village.timezone else None
    moment = timezone.localtime(invitation.expires_at, zone)
    with translation.override("nl"):
        return _("%(date)s om %(time)s uur") % {
            "date": formats.date_format(moment, "j F Y"),
            "time": formats.time_format(moment, "H:i"),
        }


def inviter_name(invitation) -> str:
    user = invitation.created_by
    if user is None:
        return _("de buurtverbinder")
    return user.get_full_name() or user.get_username()


def invitation_message(invitation, link: str) -> EmailMessage:
    """The plain-text mail for one invitation: who invites whom, to where, the link, and
    that the link works once and until when."""
    organisation = invitation.organisation
    village = organisation.get_village()
    village_name = village.title if village else settings.WAGTAIL_SITE_NAME
    inviter = inviter_name(invitation)
    with translation.override("nl"):
        subject = _("Uitnodiging: houd %(organisation)s zelf bij op %(village)s") % {
            "organisation": organisation.title, "village": village_name}
        body = _(
            "Beste %(organisation)s,\n\n"
            "%(inviter)s nodigt u uit om de gegevens van %(organisation)s op het "
            "buurtportaal %(village)s zelf bij te houden: uw beschrijving, adres, "
            "openingstijden en activiteiten. Een buurtverbinder kijkt mee voordat uw "
            "wijzigingen online komen.\n\n"
            "Maak uw account aan via deze link:\n\n"
            "%(link)s\n\n"
            "De link werkt één keer en is geldig tot %(expires)s. Is hij verlopen of al "
            "gebruikt? Vraag dan een nieuwe uitnodiging aan %(inviter)s.\n\n"
            "Had u deze uitnodiging niet verwacht? Dan kunt u dit bericht negeren.\n\n"
            "Met vriendelijke groet,\n"
            "%(inviter)s\n"
            "Buurtportaal %(village)s\n"
        ) % {"organisation": organisation.title, "village": village_name,
             "inviter": inviter, "link": link, "expires": expiry_in_words(invitation)}
    creator_email = invitation.created_by.email if invitation.created_by else ""
    return EmailMessage(subject=subject, body=body, to=[invitation.email],
                        reply_to=[creator_email] if creator_email else None)


def send_invitation(invitation, link: str) -> bool:
    """Mail the invitation; False (and the reason in the log) when it could not be sent."""
    message = invitation_message(invitation, link)
    try:
        message.connection = get_connection(
            timeout=getattr(settings, "EMAIL_TIMEOUT", None) or SEND_TIMEOUT)
        sent = message.send(fail_silently=False)
    except Exception:
        # Whatever the backend raises (refused connection, bad credentials, a timeout), the
        # invitation itself exists and the connector can pass the link on by hand.
        logger.exception("Invitation %s: the mail to %s could not be sent",
                         invitation.pk, invitation.email)
        return False
    return sent == 1
