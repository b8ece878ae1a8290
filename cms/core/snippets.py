"""Refusing to delete a village's snippet that pages still name (a category, an author
profile): which of the chosen ones are in use, and where the editor goes back to.

The wording of the refusal belongs to each kind of snippet (`cms.villages`,
`cms.stories`); the rest is the same for all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.utils import get_valid_next_url_from_request


def in_use(request, instances: Iterable, model: type,
           users_of: Callable[[object], list]) -> list[tuple[object, list]]:
    """The chosen `model` snippets that pages still name, each with those pages; only of
    the villages the editor works for (another village's are refused earlier, by the
    village scoping of cms/accounts, without naming its pages)."""
    from cms.accounts.scoping import user_may_use_village

    return [(snippet, users) for snippet in instances
            if isinstance(snippet, model)
            and user_may_use_village(request.user, snippet.village_id)
            and (users := users_of(snippet))]


def back_to_the_snippets(request, model: type, instances: list):
    """Back to the one snippet's edit form, or to where a bulk delete came from."""
    viewset = model.snippet_viewset
    if len(instances) == 1:
        return redirect(viewset.get_url_name("edit"), instances[0].pk)
    return redirect(get_valid_next_url_from_request(request)
                    or reverse(viewset.get_url_name("list")))
