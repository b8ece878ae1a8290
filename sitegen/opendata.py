"""The social map as open data, in the shape of Open Referral's HSDS (organisations,
services, locations), so municipalities and others can reuse it without scraping."""

from __future__ import annotations

from sitegen.model import Organisation, Village


def organisations_document(village: Village, orgs: list[Organisation]) -> dict:
    """An HSDS-style document of the village's organisations, their services and locations."""
    categories = {c.slug: c.name for c in village.categories}
    organizations, services, locations = [], [], []
    for org in orgs:
        page = village.absolute_url(org.url)
        organizations.append({
            "id": org.slug,
            "name": org.title,
            "description": org.summary,
            "email": org.email or None,
            "website": org.website or None,
            "url": page,
            "phones": [{"number": org.phone}] if org.phone else [],
            "volunteers_wanted": org.volunteers_wanted,
            "last_modified": org.updated.isoformat() if org.updated else None,
        })
        services.append({
            "id": f"{org.slug}-service",
            "organization_id": org.slug,
            "name": org.title,
            "description": org.body_text or org.summary,
            "status": "active",
            "url": page,
            "categories": [
                {"id": slug, "name": categories.get(slug, slug)} for slug in org.categories
            ],
            "keywords": org.tags,
            "schedules": [{"description": hours} for hours in org.opening_hours],
        })
        if org.address or org.geo:
            locations.append({
                "id": f"{org.slug}-location",
                "organization_id": org.slug,
                "location_type": "physical",
                "name": org.title,
                "latitude": org.geo.lat if org.geo else None,
                "longitude": org.geo.lon if org.geo else None,
                "addresses": [{
                    "address_1": org.address.street,
                    "postal_code": org.address.postcode,
                    "city": org.address.city,
                    "country": "BE" if village.timezone == "Europe/Brussels" else "NL",
                    "address_type": "physical",
                }] if org.address else [],
            })
    return {
        "publisher": {"name": village.name, "municipality": village.municipality,
                      "url": village.absolute_url(village.url)},
        "licence": "CC0-1.0",
        "organizations": organizations,
        "services": services,
        "locations": locations,
    }
