"""Admin hooks of the stories app: an author profile that stories name is not deleted from
under them; the admin says which stories, in Dutch."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request

from cms.accounts.scoping import user_may_use_village
from cms.stories.models import AuthorProfile


# After the village scoping of cms/accounts (order 0): another village's profile is
# refused there, without naming its stories here.
@hooks.register("before_delete_snippet", order=10)
def keep_authors_of_stories(request, instances):
    """Refuse to delete an author profile that stories name, and say which: a story needs
    its author (the model refuses too: `StoryPage.author` is RESTRICT). Deleting a whole
    village takes its stories and their authors together, through the page explorer."""
    used = [(author, stories) for author in instances
            if isinstance(author, AuthorProfile)
            and user_may_use_village(request.user, author.village_id)
            and (stories := author.stories_using())]
    if not used:
        return None
    stories = sorted({story.pk: story for _author, found in used for story in found}.values(),
                     key=lambda story: (story.title.casefold(), story.pk))
    messages.error(request, ngettext(
        "Deze buurtverbinder staat nog bij: %(stories)s. Kies eerst een andere "
        "buurtverbinder bij deze verhalen.",
        "Deze buurtverbinders staan nog bij: %(stories)s. Kies eerst een andere "
        "buurtverbinder bij deze verhalen.",
        len(used)) % {"stories": ", ".join(f"“{story.title}”" for story in stories)})
    viewset = AuthorProfile.snippet_viewset
    if len(instances) == 1:
        return redirect(viewset.get_url_name("edit"), instances[0].pk)
    return redirect(get_valid_next_url_from_request(request)
                    or reverse(viewset.get_url_name("list")))
