"""The log-ins `portal demo` prints work, each with the role it is printed with."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from cms.publishing.demo import DEMO_LOGINS


def test_the_printed_demo_log_ins_work_with_their_roles(two_villages):
    lindeveld, hoogmeer = two_villages
    call_command("create_demo_users", *[f"{user}:{password}" for _, user, password
                                        in DEMO_LOGINS])
    users = get_user_model().objects
    (_, admin, admin_pw), (_, connector, connector_pw), (_, org, org_pw) = DEMO_LOGINS
    for username, password in ((admin, admin_pw), (connector, connector_pw), (org, org_pw)):
        client = Client()
        assert client.login(username=username, password=password), username
        assert client.get("/admin/").status_code == 200, username

    assert users.get(username=admin).is_superuser
    connector_user = users.get(username=connector)
    assert lindeveld.home.permissions_for_user(connector_user).can_publish()
    assert not hoogmeer.home.permissions_for_user(connector_user).can_edit()
    org_user = users.get(username=org)
    first_org = min(lindeveld.organisations.values(), key=lambda o: o.title)
    assert first_org.permissions_for_user(org_user).can_edit()
    assert not first_org.permissions_for_user(org_user).can_publish()
