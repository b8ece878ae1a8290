"""What the CMS accepts, the build accepts: a page is checked with the build's own reader.

Before a page is published or submitted, its content file is written in memory exactly as
the publish pipeline would write it, and `sitegen.content.check_item` reads it back with
the rules of `portal build`. Each problem is put on the form field it came from, so the
editor sees it beside what they typed instead of a page that silently never appears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sitegen.content import check_item
from sitegen.model import Problem


@dataclass(frozen=True)
class FieldProblem:
    """A build problem, placed on a form field (None: on the form as a whole)."""

    field: str | None
    message: str


def problems_of_page(page, village) -> list[Problem]:
    """The problems `portal build` would report for `page` (a saved page or a draft)."""
    from cms.publishing.exporting import page_file, site_yaml_text
    from cms.socialmap.models import OrganisationPage

    _rel, text = page_file(page, village=village)
    organisations = set(OrganisationPage.objects.live().descendant_of(village)
                        .values_list("slug", flat=True))
    return check_item(village.slug, site_yaml_text(village), page.content_folder, page.slug,
                      text, organisations)


def form_field_of(page, problem_field: str, form_fields) -> str | None:
    """The form field a build problem's field (``address.postcode``, ``tags[2]``) is on."""
    if problem_field == "file":
        return "slug" if "slug" in form_fields else None
    # The app's table says which form field holds which field of the kind; a problem
    # with a key inside a group it does not name lands on the group's field.
    by_key = {key: name for name, key in type(page).kind_fields.items()}
    path = problem_field.split("[", 1)[0]
    while path:
        if by_key.get(path) in form_fields:
            return by_key[path]
        path = path.rpartition(".")[0]
    # Fields edited through more than one form field (an event's start is a date and a
    # time) or chosen from a list: the exporter's table names their attributes.
    key = re.split(r"[.\[]", problem_field, maxsplit=1)[0]
    sub_key = problem_field.rpartition(".")[2] if "." in problem_field else ""
    field = type(page).file_fields.get(key)
    candidates = list(field.attributes) if field is not None else []
    candidates = [name for name in candidates if name in form_fields]
    for name in candidates:
        if sub_key and name.endswith(sub_key):
            return name
    if candidates:
        return candidates[0]
    return key if key in form_fields else None


def field_problems(page, village, form_fields) -> list[FieldProblem]:
    """The build's problems with `page`, in Dutch, each on its form field (a problem that
    belongs to no field names the file's key)."""
    found = []
    for problem in problems_of_page(page, village):
        field = form_field_of(page, problem.field, form_fields)
        message = problem.translated("nl").rstrip(".")
        if field is None:
            message = f"{problem.field}: {message}"
        found.append(FieldProblem(field, _("Het portaal kan dit niet overnemen: %(message)s.")
                                  % {"message": message}))
    return found


def page_of_path(village, rel: str):
    """The page of `village` whose content file is `rel` (``<village>/<folder>/<slug>.md``;
    ``<village>/site.yaml`` is the village itself), or None."""
    from cms.publishing.exporting import page_models

    parts = rel.split("/")
    if parts == [village.slug, "site.yaml"]:
        return village
    if len(parts) != 3 or parts[0] != village.slug or not parts[2].endswith(".md"):
        return None
    for model in page_models():
        if model.content_folder == parts[1]:
            return model.objects.descendant_of(village).filter(slug=parts[2][:-3]).first()
    return None
