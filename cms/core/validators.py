"""Validators written for volunteers: each message says what to type instead."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NL_POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Z]{2}$")
BE_POSTCODE = re.compile(r"^[1-9][0-9]{3}$")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_postcode(value: str) -> None:
    """A Dutch (1234 AB) or Belgian (1234) postcode."""
    if value and not (NL_POSTCODE.match(value) or BE_POSTCODE.match(value)):
        raise ValidationError(
            _("Vul een postcode in zoals 1234 AB (Nederland) of 1234 (België)."),
            code="postcode")


def validate_latitude(value: float | None) -> None:
    if value is not None and not -90 <= value <= 90:
        raise ValidationError(_("Breedtegraad ligt tussen -90 en 90, bijvoorbeeld 51.83."))


def validate_longitude(value: float | None) -> None:
    if value is not None and not -180 <= value <= 180:
        raise ValidationError(_("Lengtegraad ligt tussen -180 en 180, bijvoorbeeld 4.73."))


def validate_colour(value: str) -> None:
    if value and not HEX_COLOUR.match(value):
        raise ValidationError(_("Vul een kleur in als #2e6b3f (een # en zes tekens)."))


def normalise_postcode(value: str) -> str:
    """A postcode as the portal writes it: ``1234ab`` and ``1234  AB`` become ``1234 AB``.

    Anything that is not a postcode comes back stripped but otherwise unchanged, so that
    `validate_postcode` can say what is wrong with it.
    """
    text = " ".join(value.split()).upper()
    match = re.match(r"^([1-9][0-9]{3}) ?([A-Z]{2})$", text)
    return f"{match.group(1)} {match.group(2)}" if match else text
