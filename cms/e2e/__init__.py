"""Acceptance tests of issue 10, "Editors never meet an error": the real processes of
`portal demo`, driven through the admin by several editors at once."""
