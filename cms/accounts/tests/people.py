"""The people the accounts tests ask about, one per role, in two villages (see `cms.testing`).

Lindeveld is village A, Hoogmeer village B:

- ``admin``: the municipality, a superuser;
- ``connector_a`` and ``connector_b``: a connector of A and one of B;
- ``org_a``: the account of Buurthuis (A); ``org_a2``: the Voedselbank of the same village;
- ``org_b``: the Sportclub of village B.

The fixture `role_users` (in this folder's conftest.py) makes them.
"""

from __future__ import annotations

from cms.accounts.roles import (
    create_connector,
    create_municipality_admin,
    create_organisation_account,
)

PASSWORD = "een-lang-wachtwoord-42"
ROLES = ("admin", "connector_a", "connector_b", "org_a", "org_a2", "org_b")


def create_role_users(a, b) -> dict:
    """The accounts of ROLES, for the village trees `a` and `b`, by role."""
    return {
        "admin": create_municipality_admin("gemeente", "g@example.org", PASSWORD),
        "connector_a": create_connector(a.home, "verbinder-a", "a@example.org", PASSWORD),
        "connector_b": create_connector(b.home, "verbinder-b", "b@example.org", PASSWORD),
        "org_a": create_organisation_account(a.organisations["buurthuis"], "buurthuis",
                                             "buurthuis@example.org", PASSWORD),
        "org_a2": create_organisation_account(a.organisations["voedselbank"], "voedselbank",
                                              "vb@example.org", PASSWORD),
        "org_b": create_organisation_account(b.organisations["sportclub"], "sportclub",
                                             "sport@example.org", PASSWORD),
    }
