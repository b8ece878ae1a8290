"""Fixtures of the accounts tests: one account per role (`people.ROLES`)."""

from __future__ import annotations

import pytest

from cms.accounts.tests.people import create_role_users


@pytest.fixture
def role_users(two_villages):
    """The accounts of every role in Lindeveld (A) and Hoogmeer (B), by role name."""
    return create_role_users(*two_villages)
