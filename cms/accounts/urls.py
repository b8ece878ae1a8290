"""Public URLs of the accounts app, mounted at /uitnodiging/."""

from django.urls import path

from cms.accounts.views import accept_invitation

app_name = "accounts"

urlpatterns = [
    path("<str:token>/", accept_invitation, name="accept"),
]
