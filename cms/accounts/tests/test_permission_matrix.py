"""The permission matrix: users × pages × actions, in the style of Wagtail's own
`wagtail/tests/test_page_permissions.py`.

Two villages, Lindeveld (A) and Hoogmeer (B). Each row names a user and a page and lists
the actions that user may take on it; every action not listed must be refused. Actions
are Wagtail's PagePermissionTester answers, plus "explore": the page is listed in the
user's page explorer (Wagtail's explorable pages, after the organisation filter of
`cms.accounts.wagtail_hooks`).

A few "yes" answers of Wagtail's tester are refused one step later by a hook: moving a
structural page (village home, index pages) needs the municipality; those are marked
`# hook:` and tested with the test client in test_admin.py.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.permissions import page_permission_policy

from cms.accounts.wagtail_hooks import explorer_pages_for
from cms.agenda.models import EventPage
from cms.testing import add_page

ACTIONS = ("edit", "publish", "add", "delete", "move", "copy", "lock", "unpublish", "explore")
ALL = set(ACTIONS)
LEAF = ALL - {"add"}  # everything, on a page type that takes no children


@pytest.fixture
def world(two_villages, role_users):
    """The users (`people.ROLES` and an anonymous visitor) and pages of the matrix, by the
    names the matrix uses."""
    a, b = two_villages
    users = {**role_users, "anonymous": AnonymousUser()}

    def event(tree, slug, owner, publish=True):
        return add_page(tree.agenda, EventPage(title=slug, slug=slug, owner=owner,
                                               start_date=date(2026, 12, 5)),
                        publish=publish)

    pages = {
        "a.home": a.home, "a.socialmap": a.socialmap, "a.agenda": a.agenda,
        "a.stories": a.stories, "a.org": a.organisations["buurthuis"],
        "a.org2": a.organisations["voedselbank"], "a.story": a.story,
        # An event a connector entered (no organisation owns it).
        "a.event": a.event,
        # org_a's own events: one approved and live, one still a draft.
        "a.own_event": event(a, "eigen-activiteit", users["org_a"]),
        "a.own_draft": event(a, "eigen-concept", users["org_a"], publish=False),
        # An event of the other organisation in the same village.
        "a.event2": event(a, "voedselbank-activiteit", users["org_a2"]),
        "b.home": b.home, "b.agenda": b.agenda, "b.org": b.organisations["sportclub"],
        "b.event": b.event, "b.own_event": event(b, "sportdag", users["org_b"]),
    }
    return SimpleNamespace(users=users, pages=pages, a=a, b=b)


def allowed_actions(user, page) -> set[str]:
    """What `user` may do with `page`, in the matrix's words."""
    perms = page.permissions_for_user(user)
    parent = page.get_parent()
    explorable = explorer_pages_for(user, page_permission_policy.explorable_instances(user))
    answers = {
        "edit": perms.can_edit(),
        "publish": perms.can_publish(),
        "add": perms.can_add_subpage(),
        "delete": perms.can_delete(),
        "move": perms.can_move(),
        # Copying means copying next to the original, where the copy view starts.
        "copy": perms.can_copy() and perms.can_copy_to(parent.specific),
        # Wagtail's can_lock() assumes an active user (the admin never asks otherwise).
        "lock": user.is_active and perms.can_lock(),
        "unpublish": perms.can_unpublish(),
        "explore": explorable.filter(pk=page.pk).exists(),
    }
    return {action for action, yes in answers.items() if yes}


# (user, page, allowed actions). Everything not listed is refused.
MATRIX = {
    "admin": [
        # The municipality may do everything everywhere, except add children to page
        # types that take none, and copy an index page next to itself (one per village).
        ("a.home", ALL),
        ("a.socialmap", ALL - {"copy"}),
        ("a.org", LEAF), ("a.event", LEAF), ("a.story", LEAF), ("a.own_event", LEAF),
        ("b.home", ALL), ("b.org", LEAF), ("b.event", LEAF),
    ],
    "connector_a": [
        # The village home: a connector edits and publishes it, adds plain pages.
        # No delete: it has children and connectors have no bulk delete. No copy: a
        # village home can only be made at the root, where connectors may not add.
        # hook: "move" is Wagtail's can_move(); before_move_page refuses it.
        ("a.home", {"edit", "publish", "add", "move", "lock", "unpublish", "explore"}),
        # Index pages: no delete (they have children), no copy (one per village).
        # hook: "move" is refused by before_move_page.
        ("a.socialmap", {"edit", "publish", "add", "move", "lock", "unpublish", "explore"}),
        ("a.agenda", {"edit", "publish", "add", "move", "lock", "unpublish", "explore"}),
        # Every item of the own village, whoever made it.
        ("a.org", LEAF), ("a.org2", LEAF), ("a.event", LEAF), ("a.story", LEAF),
        ("a.own_event", LEAF), ("a.event2", LEAF),
        # A draft cannot be unpublished: it is not online.
        ("a.own_draft", LEAF - {"unpublish"}),
        # Village B: nothing at all, not even in the explorer.
        ("b.home", set()), ("b.agenda", set()), ("b.org", set()), ("b.event", set()),
        ("b.own_event", set()),
    ],
    "connector_b": [
        # The mirror image: nothing in village A.
        ("a.home", set()), ("a.socialmap", set()), ("a.org", set()), ("a.event", set()),
        ("a.story", set()), ("a.own_event", set()),
        ("b.home", {"edit", "publish", "add", "move", "lock", "unpublish", "explore"}),
        ("b.org", LEAF), ("b.own_event", LEAF),
    ],
    "org_a": [
        # The village home and the two index pages only as the way to its own pages.
        ("a.home", {"explore"}), ("a.socialmap", {"explore"}),
        # The agenda: it may add events (that is what makes them its own), nothing else.
        ("a.agenda", {"add", "explore"}),
        # Its own entry: edit only. Not publish: changes go to the connectors. Not
        # delete or move: it is live and only publishers take live pages away. Not copy:
        # it may not add entries to the social map. Not lock or unpublish.
        ("a.org", {"edit", "explore"}),
        # Another organisation's entry in the same village: nothing, not even listed.
        ("a.org2", set()),
        # Its own live event: edit, and copy it to make a new (draft) one. Not publish,
        # delete, move, lock or unpublish.
        ("a.own_event", {"edit", "copy", "explore"}),
        # Its own draft, never published: it may also throw it away (delete) or move it
        # (Wagtail's can_move); the only place it may move to is the same agenda.
        ("a.own_draft", {"edit", "copy", "delete", "move", "explore"}),
        # Another organisation's event, or the connector's: nothing, and the explorer
        # does not list it.
        ("a.event2", set()), ("a.event", set()),
        # Stories are the connectors' work.
        ("a.stories", set()), ("a.story", set()),
        # Village B: nothing at all.
        ("b.home", set()), ("b.agenda", set()), ("b.org", set()), ("b.event", set()),
        ("b.own_event", set()),
    ],
    "org_b": [
        # An organisation of village B sees nothing of village A.
        ("a.home", set()), ("a.agenda", set()), ("a.org", set()), ("a.event", set()),
        ("a.own_event", set()), ("a.story", set()),
        ("b.org", {"edit", "explore"}), ("b.own_event", {"edit", "copy", "explore"}),
        ("b.event", set()),
    ],
    "anonymous": [
        # Nobody who is not logged in may do anything with any page.
        (name, set()) for name in ("a.home", "a.socialmap", "a.org", "a.event",
                                   "a.story", "a.own_event", "b.home", "b.org")
    ],
}


@pytest.mark.parametrize("user_name", MATRIX)
def test_permission_matrix(world, user_name):
    user = world.users[user_name]
    mismatches = []
    for page_name, expected in MATRIX[user_name]:
        page = world.pages[page_name]
        actual = allowed_actions(user, page)
        if actual != expected:
            mismatches.append(f"{user_name} on {page_name}: "
                              f"wrongly allowed {sorted(actual - expected)}, "
                              f"wrongly refused {sorted(expected - actual)}")
    assert not mismatches, "\n".join(mismatches)


def test_no_move_or_copy_across_villages(world):
    """Nobody but the municipality moves or copies a page into another village."""
    a, b = world.a, world.b
    org, event = world.pages["a.org"], world.pages["a.own_event"]
    for user_name in ("connector_a", "connector_b", "org_a", "org_b"):
        user = world.users[user_name]
        # Into village B's social map and agenda: refused for all of them.
        assert not org.permissions_for_user(user).can_move_to(b.socialmap), user_name
        assert not org.permissions_for_user(user).can_copy_to(b.socialmap), user_name
        assert not event.permissions_for_user(user).can_move_to(b.agenda), user_name
        assert not event.permissions_for_user(user).can_copy_to(b.agenda), user_name
    # The connector of A moves and copies inside A.
    connector_a = world.users["connector_a"]
    assert event.permissions_for_user(connector_a).can_copy_to(a.agenda)
    # The municipality may move anything anywhere it fits.
    admin = world.users["admin"]
    assert org.permissions_for_user(admin).can_move_to(b.socialmap)
