"""Validators written for volunteers: each check is the build's own (`sitegen.kinds`), so
its message is the one `portal build` would give, in Dutch."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from sitegen.content import check_value
from sitegen.kinds import GEO, ORGANISATIONS, VILLAGE, Field
from sitegen.model import Problem


def editor_messages(problems: list[Problem]) -> list[str]:
    """The build's problems as an editor reads them beside a form field: in Dutch."""
    return [capfirst(problem.translated("nl")) + "." for problem in problems]


def check_with_kind(field: Field, value: Any, **context: Any) -> Any:
    """`value` as the build reads it for the kind's `field`; ValidationError with the
    build's own messages when the build would refuse it."""
    cleaned, problems = check_value(field, value, **context)
    if problems:
        raise ValidationError(editor_messages(problems), code=field.check)
    return cleaned


def validate_postcode(value: str) -> None:
    """A Dutch (1234 AB) or Belgian (1234) postcode."""
    if value:
        check_with_kind(ORGANISATIONS.field("address.postcode"), value)


def validate_latitude(value: float | None) -> None:
    if value is not None:
        check_with_kind(GEO.part("lat"), value)


def validate_longitude(value: float | None) -> None:
    if value is not None:
        check_with_kind(GEO.part("lon"), value)


def validate_colour(value: str) -> None:
    if value:
        check_with_kind(VILLAGE.field("branding.primary_color"), value)


def normalise_postcode(value: str) -> str:
    """A postcode as the portal writes it: ``1234ab`` and ``1234  AB`` become ``1234 AB``.

    Anything that is not a postcode comes back stripped but otherwise unchanged, so that
    `validate_postcode` can say what is wrong with it.
    """
    text = " ".join(value.split()).upper()
    match = re.match(r"^([1-9][0-9]{3}) ?([A-Z]{2})$", text)
    return f"{match.group(1)} {match.group(2)}" if match else text
