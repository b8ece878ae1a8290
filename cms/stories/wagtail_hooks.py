"""Admin hooks of the stories app: an author profile that stories name is not deleted from
under them; the admin says which stories, in Dutch."""

from django.contrib import messages
from django.utils.translation import ngettext
from wagtail import hooks

from cms.core.snippets import back_to_the_snippets, in_use
from cms.stories.models import AuthorProfile


# After the village scoping of cms/accounts (order 0): another village's profile is
# refused there, without naming its stories here.
@hooks.register("before_delete_snippet", order=10)
def keep_authors_of_stories(request, instances):
    """Refuse to delete an author profile that stories name, and say which: a story needs
    its author (the model refuses too: `StoryPage.author` is RESTRICT). Deleting a whole
    village takes its stories and their authors together, through the page explorer."""
    used = in_use(request, instances, AuthorProfile, AuthorProfile.stories_using)
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
    return back_to_the_snippets(request, AuthorProfile, instances)
