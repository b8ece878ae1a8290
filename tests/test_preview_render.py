"""Previews of drafts (`sitegen.preview`): the built page with a banner, or the problems."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import sys

import pytest

from sitegen.preview import PreviewPathError, build_preview, page_output_path, render_preview
from sitegen.preview_worker import PreviewJob, run_job
from tests.conftest import FIXTURES, NOW

GOLDEN = FIXTURES / "golden"
BANNER = "Voorvertoning — deze versie is nog niet gepubliceerd"
BANNER_HTML = f'<div class="preview-banner" role="status">{html.escape(BANNER)}</div>'

ITEMS = [
    ("lindeveld/organisations/huisartsenpraktijk-de-linde.md",
     "sociale-kaart/huisartsenpraktijk-de-linde/index.html"),
    ("lindeveld/events/koffieochtend.md", "agenda/koffieochtend/index.html"),
    ("lindeveld/stories/vrijwilliger-in-het-anker.md",
     "verhalen/vrijwilliger-in-het-anker/index.html"),
    ("lindeveld/pages/over.md", "over/index.html"),
    ("lindeveld/site.yaml", "index.html"),
]


def without_banner(page: str) -> str:
    """The preview with its banner taken out: what must equal the built page."""
    assert page.count(BANNER_HTML) == 1, "the preview shows the banner exactly once"
    return page.replace(BANNER_HTML, "")


@pytest.mark.parametrize(("rel", "output"), ITEMS)
def test_unchanged_draft_is_the_built_page_plus_banner(golden_site, rel, output):
    text = (GOLDEN / rel).read_text("utf-8")
    preview = render_preview(GOLDEN, "lindeveld", rel, text, BANNER, now=NOW)
    assert without_banner(preview) == (golden_site / output).read_text("utf-8")


@pytest.mark.parametrize(("rel", "output"), ITEMS)
def test_a_one_page_preview_renders_that_page_only(golden_content, golden_site, tmp_path,
                                                    rel, output):
    """The village is read and resolved whole (the page lists and links what the portal
    will), but only the draft's page is rendered: no other page, feed, sitemap or index."""
    text = (golden_content / rel).read_text("utf-8")
    preview = build_preview(golden_content, "lindeveld", rel, text, BANNER, tmp_path / "one",
                            now=NOW, whole_site=False)
    assert without_banner(preview.html) == (golden_site / output).read_text("utf-8")
    written = {p.relative_to(preview.site).as_posix() for p in preview.site.rglob("*")
               if p.is_file() and p.relative_to(preview.site).parts[0] not in ("theme", "media")}
    assert written == {output}
    whole = build_preview(golden_content, "lindeveld", rel, text, BANNER, tmp_path / "whole",
                          now=NOW)
    assert (whole.site / "agenda.ics").is_file() and (whole.site / "sitemap.xml").is_file()


@pytest.mark.parametrize(("rel", "output"), ITEMS)
def test_output_paths_follow_the_sections(rel, output):
    assert page_output_path("lindeveld", rel) == output


def test_changed_draft_shows_the_change_and_leaves_the_content_alone(golden_content):
    rel = "lindeveld/organisations/buurthuis-het-anker.md"
    original = (golden_content / rel).read_text("utf-8")
    draft = original.replace("title: Buurthuis Het Anker", "title: Buurthuis De Nieuwe Ankerplaats")
    preview = render_preview(golden_content, "lindeveld", rel, draft, BANNER, now=NOW)
    assert "<h1>Buurthuis De Nieuwe Ankerplaats</h1>" in preview
    assert BANNER_HTML in preview
    # The copy is made of hard links: writing the draft must not write through them.
    assert (golden_content / rel).read_text("utf-8") == original


def test_new_item_is_previewed_with_the_rest_of_the_village(golden_content):
    rel = "lindeveld/events/repair-cafe-extra.md"
    draft = (golden_content / "lindeveld/events/reparatiemiddag.md").read_text("utf-8").replace(
        "title: ", "title: Extra ", 1)
    preview = render_preview(golden_content, "lindeveld", rel, draft, BANNER, now=NOW)
    assert "Extra " in preview and BANNER_HTML in preview
    assert not (golden_content / rel).exists()


def test_invalid_draft_gives_the_problems_page(golden_content):
    rel = "lindeveld/organisations/buurthuis-het-anker.md"
    draft = "---\ntitle: Buurthuis Het Anker\ncategories: [bestaat-niet]\n---\nTekst\n"
    preview = render_preview(golden_content, "lindeveld", rel, draft, BANNER, now=NOW)
    assert "Voorvertoning niet mogelijk" in preview
    assert f"{rel}: categories: " in html.unescape(preview)
    assert f"{rel}: summary: " in html.unescape(preview)
    assert BANNER_HTML not in preview


def test_unusable_site_yaml_gives_the_problems_page(golden_content):
    rel = "lindeveld/site.yaml"
    preview = render_preview(golden_content, "lindeveld", rel, "name: [\n", BANNER, now=NOW)
    assert "Voorvertoning niet mogelijk" in preview
    # In Dutch: the page is read by an editor in the CMS.
    assert f"{rel}: file: is geen geldige YAML" in html.unescape(preview)


def test_story_dated_in_the_future_is_shown_as_on_its_date(golden_content):
    rel = "lindeveld/stories/toekomstig.md"
    text = (golden_content / rel).read_text("utf-8")
    preview = render_preview(golden_content, "lindeveld", rel, text, BANNER, now=NOW)
    assert "Nog niet gepubliceerd" in preview and BANNER_HTML in preview


@pytest.mark.parametrize("rel", [
    "../etc/passwd", "lindeveld/../../x.md", "anders/organisations/x.md",
    "lindeveld/organisations/Bad Name.md", "lindeveld/media/x.md", "/lindeveld/site.yaml",
    "lindeveld/organisations/x.txt", "lindeveld/organisations/sub/x.md",
])
def test_paths_outside_the_village_folders_are_refused(golden_content, rel):
    with pytest.raises(PreviewPathError):
        render_preview(golden_content, "lindeveld", rel, "x", BANNER, now=NOW)


def test_built_site_is_kept_for_serving_and_images_are_cached(golden_content, tmp_path):
    rel = "lindeveld/organisations/huisartsenpraktijk-de-linde.md"
    text = (golden_content / rel).read_text("utf-8")
    cache = tmp_path / "cache"
    preview = build_preview(golden_content, "lindeveld", rel, text, BANNER, tmp_path / "work",
                            now=NOW, image_cache=cache)
    assert preview.ok and preview.site is not None
    assert (preview.site / "theme" / "css" / "portal.css").is_file()
    assert list(cache.glob("*.json")), "the resized images stay in the lasting cache"
    assert list((preview.site / "media").rglob("*.webp"))
    # A second preview in the same folder replaces the first.
    again = build_preview(golden_content, "lindeveld", rel, text.replace(
        "title: Huisartsenpraktijk De Linde", "title: Praktijk Linde"), BANNER,
        tmp_path / "work", now=NOW, image_cache=cache)
    assert "Praktijk Linde" in again.html


def test_listing_without_a_draft(golden_site, tmp_path):
    preview = build_preview(GOLDEN, "lindeveld", "lindeveld/site.yaml", None, BANNER,
                            tmp_path / "work", now=NOW, page="sociale-kaart/index.html")
    expected = (golden_site / "sociale-kaart/index.html").read_text("utf-8")
    assert without_banner(preview.html) == expected


def test_preview_leaves_out_the_search_indexes(golden_content, tmp_path):
    """A preview shows pages; indexing the village for search would only make editors wait."""
    rel = "lindeveld/events/koffieochtend.md"
    text = (golden_content / rel).read_text("utf-8")
    preview = build_preview(golden_content, "lindeveld", rel, text, BANNER, tmp_path / "work",
                            now=NOW, image_cache=tmp_path / "cache")
    assert preview.ok and preview.site is not None
    assert (preview.site / "zoeken/index.html").is_file(), "the search page itself is there"
    assert not (preview.site / "zoeken/index").exists()


def test_renamed_draft_takes_the_place_of_its_old_file(golden_content, tmp_path):
    old = "lindeveld/organisations/buurthuis-het-anker.md"
    new = "lindeveld/organisations/het-anker.md"
    text = (golden_content / old).read_text("utf-8")
    preview = build_preview(golden_content, "lindeveld", new, text, BANNER, tmp_path / "work",
                            now=NOW, replaces=old)
    assert preview.ok and preview.page == "sociale-kaart/het-anker/index.html"
    listing = (preview.site / "sociale-kaart/index.html").read_text("utf-8")
    assert "het-anker/" in listing and "buurthuis-het-anker/" not in listing
    assert (golden_content / old).is_file()


def test_remark_that_does_not_leave_the_page_out_still_shows_the_page(golden_content):
    rel = "lindeveld/events/koffieochtend.md"
    organiser = golden_content / "lindeveld/organisations/buurthuis-het-anker.md"
    # The organiser's photo is damaged, so the build leaves it out and shows the event
    # without it: the portal would show the event like that, and so does the preview.
    (golden_content / "media/kapot.jpg").write_bytes(b"geen foto")
    organiser.write_text(organiser.read_text("utf-8").replace(
        "volunteers_wanted: true", "volunteers_wanted: true\nimage: media/kapot.jpg\n"
        "image_alt: Het buurthuis"), "utf-8")
    text = (golden_content / rel).read_text("utf-8")
    preview = render_preview(golden_content, "lindeveld", rel, text, BANNER, now=NOW)
    assert BANNER_HTML in preview and "<h1>Koffieochtend</h1>" in preview
    assert "Buurthuis Het Anker</a>" not in preview


def test_picture_chosen_in_the_draft_is_shown(golden_content):
    rel = "lindeveld/organisations/buurthuis-het-anker.md"
    draft = (golden_content / rel).read_text("utf-8").replace(
        "volunteers_wanted: true",
        "volunteers_wanted: true\nimage: media/lindeveld/nieuw.jpg\nimage_alt: De nieuwe zaal")
    picture = (golden_content / "media/praktijk.jpg").read_bytes()
    preview = render_preview(golden_content, "lindeveld", rel, draft, BANNER, now=NOW,
                             extra_files={"media/lindeveld/nieuw.jpg": picture})
    assert BANNER_HTML in preview and 'alt="De nieuwe zaal"' in preview
    assert not (golden_content / "media/lindeveld/nieuw.jpg").exists()
    with pytest.raises(PreviewPathError):
        render_preview(golden_content, "lindeveld", rel, draft, BANNER, now=NOW,
                       extra_files={"lindeveld/organisations/x.md": b"---\n"})


def test_pictures_of_other_villages_are_there_but_not_their_content(golden_content, tmp_path):
    other = golden_content / "hoogmeer"
    shutil.copytree(golden_content / "lindeveld", other)
    (other / "foto.jpg").write_bytes((golden_content / "media/praktijk.jpg").read_bytes())
    rel = "lindeveld/organisations/buurthuis-het-anker.md"
    draft = (golden_content / rel).read_text("utf-8").replace(
        "volunteers_wanted: true",
        "volunteers_wanted: true\nimage: hoogmeer/foto.jpg\nimage_alt: Uit Hoogmeer")
    preview = build_preview(golden_content, "lindeveld", rel, draft, BANNER, tmp_path / "w",
                            now=NOW)
    assert preview.ok and 'alt="Uit Hoogmeer"' in preview.html
    assert not list((tmp_path / "w/content/hoogmeer").rglob("*.md"))
    assert not (tmp_path / "w/content/hoogmeer/site.yaml").exists()


# --------------------------------------------------------------------------------------
# In a process of its own (`sitegen.preview_worker`)


def worker_job(golden_content, tmp_path, rel, text, **fields) -> PreviewJob:
    return PreviewJob(id="b1", content_root=str(golden_content), village="lindeveld",
                      rel_path=rel, text=text, banner=BANNER, work=str(tmp_path / "work"),
                      outcome=str(tmp_path / "work/preview.json"), time_limit=60,
                      now=NOW.isoformat(), **fields)


def test_worker_process_builds_the_job_and_writes_its_outcome(golden_content, tmp_path):
    rel = "lindeveld/organisations/buurthuis-het-anker.md"
    draft = (golden_content / rel).read_text("utf-8").replace(
        "title: Buurthuis Het Anker", "title: Buurthuis Uit Een Eigen Proces")
    picture = (golden_content / "media/praktijk.jpg").read_bytes()
    job = worker_job(golden_content, tmp_path, rel, draft.replace(
        "volunteers_wanted: true",
        "volunteers_wanted: true\nimage: media/lindeveld/nieuw.jpg\nimage_alt: De zaal"),
        extra_files={"media/lindeveld/nieuw.jpg": picture}, record={"user": 7})
    job_file = tmp_path / "job.json"
    job_file.write_text(job.dumps(), "utf-8")
    done = subprocess.run([sys.executable, "-m", "sitegen.preview_worker", str(job_file)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    outcome = json.loads((tmp_path / "work/preview.json").read_text("utf-8"))
    assert outcome == {"user": 7, "job": "b1", "ok": True, "error": None,
                       "page": "sociale-kaart/buurthuis-het-anker/index.html",
                       "problems_page": None}
    page = (tmp_path / "work/site/lindeveld" / outcome["page"]).read_text("utf-8")
    assert "Buurthuis Uit Een Eigen Proces" in page and 'alt="De zaal"' in page
    assert not job_file.exists(), "the draft's text is not left lying about"


def test_worker_outcome_of_an_invalid_draft_and_of_an_impossible_path(golden_content,
                                                                      tmp_path):
    rel = "lindeveld/organisations/buurthuis-het-anker.md"
    outcome = run_job(worker_job(golden_content, tmp_path, rel, "---\ntitle: X\n---\n"))
    assert outcome["ok"] is False and outcome["error"] is None
    assert "Voorvertoning niet mogelijk" in outcome["problems_page"]
    outcome = run_job(worker_job(golden_content, tmp_path, rel, "x",
                                 replaces="lindeveld/../x.md"))
    assert outcome["error"] == "path" and outcome["ok"] is False


def test_job_fingerprint_names_the_draft_not_the_moment(golden_content, tmp_path):
    rel = "lindeveld/pages/over.md"
    job = worker_job(golden_content, tmp_path, rel, "tekst", extra_files={"media/a.jpg": b"1"})
    assert PreviewJob.loads(job.dumps()) == job
    later = PreviewJob.loads(job.dumps())
    later.id, later.now = "b2", "2026-11-24T12:00:00+00:00"
    assert later.fingerprint() == job.fingerprint()
    later.extra_files = {"media/a.jpg": b"2"}
    assert later.fingerprint() != job.fingerprint()


def _files(site):
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_preview_beside_the_live_site_renders_only_what_the_draft_changes(tmp_path):
    """With the live build given (as the CMS does), the preview is a new generation of the
    live site made in the preview's own folder: the pages the draft changes are rendered,
    every other file is a link to the live one, and the live site and its caches are left
    exactly as they were."""
    from sitegen.build import BuildOptions, build_portals

    content = tmp_path / "content"
    shutil.copytree(GOLDEN, content)
    live = tmp_path / "build"
    [result] = build_portals(BuildOptions(content_root=content, out=live, now=NOW))
    assert result.built
    before = _files(live)

    rel = "lindeveld/organisations/fietsenwerkplaats-lindeveld.md"
    text = (content / rel).read_text("utf-8").replace("summary: ", "summary: Nieuw! ", 1)
    preview = build_preview(content, "lindeveld", rel, text, BANNER, tmp_path / "work",
                            now=NOW, live=live, image_cache=live / ".cache" / "images")
    assert preview.ok

    # The page is the portal's page for the draft: as a full build with the draft saved.
    saved = tmp_path / "saved"
    shutil.copytree(content, saved)
    (saved / rel).write_text(text, "utf-8")
    build_portals(BuildOptions(content_root=saved, out=tmp_path / "full", now=NOW,
                               incremental=False, search_index=False))
    full = _files(tmp_path / "full" / "lindeveld")
    page = "sociale-kaart/fietsenwerkplaats-lindeveld/index.html"
    assert without_banner(preview.html) == full[page][1].decode("utf-8")

    made = _files(preview.site)
    live_site = {p: inode for p, (inode, _data) in _files(live / "lindeveld").items()}
    rendered = {p for p, (inode, _data) in made.items() if live_site.get(p) != inode}
    assert rendered == {
        page, "sociale-kaart/index.html", "zoeken/index.html",
        "sociale-kaart/categorie/ontmoeting/index.html",
        "sociale-kaart/categorie/sport/index.html",
        "agenda/reparatiemiddag/index.html", "open-data/organisaties.json", "agenda.ics",
    }
    # Every page of the preview is the page the portal will have once it is published.
    assert {p: data for p, (_inode, data) in made.items()} == {
        p: data for p, (_inode, data) in full.items() if not p.startswith("zoeken/index/")}
    assert _files(live) == before
