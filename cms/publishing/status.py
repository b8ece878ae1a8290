"""Where an editor's work stands on the portal, in Dutch: for one page and for a village.

The publish pipeline builds in the background, so "gepubliceerd" alone does not tell an
editor whether residents see the change. These functions read the village's
`BuildRequest` (what was asked, what the last build covered, what it left out and why)
and say it in a sentence: on the page's edit view, after a publish, and on the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cms.publishing.exporting import content_rel_path
from cms.publishing.models import BuildRequest
from sitegen.content import is_note
from sitegen.model import Problem

LIVE, PENDING, PROBLEM, FAILED, OFFLINE = "live", "pending", "problem", "failed", "offline"


@dataclass(frozen=True)
class PortalStatus:
    """One sentence for the editor, the kind of news it is, and details (problems)."""

    state: str
    message: str
    details: tuple[str, ...] = ()
    portal_url: str = ""

    @property
    def settled(self) -> bool:
        """Nothing is on its way: the page need not ask again."""
        return self.state != PENDING


@dataclass
class PageProblem:
    """A problem of the last build with one page, for the village's overview; a note is
    a remark on a page that is on the portal all the same."""

    title: str
    edit_url: str
    text: str
    note: bool = False


@dataclass
class VillageStatus:
    """The portal of one village: the last update and what it left out."""

    title: str
    status: PortalStatus
    problems: list[PageProblem] = field(default_factory=list)


def moment(value) -> str:
    """A moment as an editor reads it: "vandaag om 10:31" or "1 december om 10:31"."""
    local = timezone.localtime(value)
    if local.date() == timezone.localdate():
        return _("vandaag om %(time)s") % {"time": formats.date_format(local, "H:i")}
    return formats.date_format(local, r"j F \o\m H:i")


def problem_text(page, data: dict) -> str:
    """A build problem in Dutch, naming the field as the editor's form calls it."""
    from cms.publishing.validation import form_field_of

    problem = Problem.from_data(data)
    label = data.get("field", "")
    names = {f.name for f in page._meta.get_fields()}
    name = form_field_of(page, label, names)
    if name is not None:
        label = str(page._meta.get_field(name).verbose_name)
    return _("%(field)s: %(message)s") % {"field": label, "message": problem.translated("nl")}


def failure_detail(request, user) -> str:
    """What went wrong with the last build: the error itself for the municipality's
    admins (it may name server paths), a plain sentence for everybody else."""
    if user is not None and user.is_superuser:
        return _("Melding: %(error)s") % {"error": request.error}
    return _("De technisch beheerder kan in het logboek van de bouw zien wat er misging.")


def page_status(page, user=None) -> PortalStatus:
    """Whether residents see `page` as published, are about to, or why not; `user` is
    who asks (only admins see the technical error of a failed build)."""
    page = page.specific
    village = page.get_village()
    if village is None:
        return PortalStatus(OFFLINE, _("Deze pagina hoort bij geen enkel dorp."))
    portal_url = page.get_url() if page.live else ""
    if not page.live:
        return PortalStatus(OFFLINE, _("Deze pagina staat niet op het portaal: ze is niet "
                                       "gepubliceerd."))
    request = BuildRequest.objects.filter(village=village.slug).first()
    published = page.last_published_at
    details = []
    if page.has_unpublished_changes:
        details.append(_("Er zijn wijzigingen die nog niet gepubliceerd zijn."))
    if request is not None and request.covers(published):
        rel = content_rel_path(page, village)
        mine = [p for p in request.problems if rel is not None and p.get("path") == rel]
        problems = [problem_text(page, p) for p in mine if not is_note(Problem.from_data(p))]
        details += [_("Let op: %(note)s") % {"note": problem_text(page, p)}
                    for p in mine if is_note(Problem.from_data(p))]
        if problems:
            return PortalStatus(PROBLEM, _(
                "Niet op het portaal: bij het bijwerken van %(when)s is deze pagina "
                "weggelaten. Pas aan wat hieronder staat en publiceer opnieuw.") % {
                    "when": moment(request.finished_at)}, tuple(problems + details))
        return PortalStatus(LIVE, _("Staat op het portaal sinds %(when)s.") % {
            "when": moment(request.finished_at)}, tuple(details), portal_url)
    when = moment(published) if published else _("zojuist")
    if request is not None and request.failed:
        return PortalStatus(FAILED, _(
            "Gepubliceerd %(when)s, maar het portaal kon nog niet worden bijgewerkt "
            "(poging %(attempt)s). Het wordt vanzelf opnieuw geprobeerd; de bewoners zien "
            "zolang de vorige versie.") % {"when": when, "attempt": request.failures},
            (failure_detail(request, user), *details))
    return PortalStatus(PENDING, _(
        "Gepubliceerd %(when)s. Het portaal wordt nu bijgewerkt; dat duurt meestal enkele "
        "seconden.") % {"when": when}, tuple(details))


def village_status(village, user=None) -> VillageStatus:
    """The portal of `village` as a whole, with every page the last build left out."""
    from cms.publishing.validation import page_of_path

    village = village.specific
    request = BuildRequest.objects.filter(village=village.slug).first()
    title = village.title
    if not village.live:
        return VillageStatus(title, PortalStatus(OFFLINE, _("Dit dorp is niet gepubliceerd.")))
    if request is None or request.finished_at is None:
        return VillageStatus(title, PortalStatus(PENDING, _(
            "Het portaal wordt voor het eerst gebouwd.")))
    problems, notes = [], 0
    for data in request.problems:
        note = is_note(Problem.from_data(data))
        notes += note
        page = page_of_path(village, data.get("path", ""))
        if page is None:
            problems.append(PageProblem(data.get("path", ""), "",
                                        Problem.from_data(data).translated("nl"), note))
        else:
            problems.append(PageProblem(page.title,
                                        reverse("wagtailadmin_pages:edit", args=[page.pk]),
                                        problem_text(page, data), note))
    waiting = request.requested_at > (request.built_request or request.requested_at)
    if request.failed:
        status = PortalStatus(FAILED, _(
            "Het bijwerken lukte %(when)s niet (poging %(attempt)s). Het wordt vanzelf "
            "opnieuw geprobeerd; de bewoners zien zolang de vorige versie.") % {
                "when": moment(request.finished_at), "attempt": request.failures},
            (failure_detail(request, user),), village.base_url)
    elif waiting or request.queued:
        status = PortalStatus(PENDING, _(
            "Laatst bijgewerkt %(when)s; nieuwe wijzigingen worden nu verwerkt.") % {
                "when": moment(request.finished_at)}, (), village.base_url)
    elif len(problems) > notes:
        status = PortalStatus(PROBLEM, _(
            "Bijgewerkt %(when)s, maar %(count)s onderdelen zijn weggelaten.") % {
                "when": moment(request.finished_at), "count": len(problems) - notes},
            (), village.base_url)
    else:
        status = PortalStatus(LIVE, _("Bijgewerkt %(when)s; alles staat erop.") % {
            "when": moment(request.finished_at)}, (), village.base_url)
    return VillageStatus(title, status, problems)
