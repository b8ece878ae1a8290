"""The documents the portal's search page looks through: one per organisation, event and story."""

from __future__ import annotations

from sitegen.model import VillageContent


def search_documents(content: VillageContent, occurrences_by_event: dict) -> list[dict]:
    """Compact records for the search page, with URLs relative to the search page itself."""
    village = content.village
    docs = []
    for org in content.organisations:
        docs.append({
            "k": "organisatie", "u": f"../sociale-kaart/{org.slug}/", "t": org.title,
            "s": org.summary,
            "c": [village.category(c).name for c in org.categories if village.category(c)],
            "w": " ".join([*org.tags, org.address.one_line(), org.body_text[:2000]]),
        })
    for event in content.events:
        if not occurrences_by_event.get(event.slug):
            continue
        docs.append({
            "k": "activiteit", "u": f"../agenda/{event.slug}/", "t": event.title,
            "s": event.summary, "c": [],
            "w": " ".join([*event.tags, event.location.name if event.location else "",
                           event.body_text[:2000]]),
        })
    for story in content.stories:
        docs.append({
            "k": "verhaal", "u": f"../verhalen/{story.slug}/", "t": story.title,
            "s": story.summary, "c": [],
            "w": " ".join([*story.tags, story.author, story.body_text[:2000]]),
        })
    return docs
