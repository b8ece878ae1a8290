"""Widgets of the admin forms that make JSON lists editable without knowing JSON."""

from __future__ import annotations

from wagtail.admin.widgets import AdminAutoHeightTextInput


class LinesInput(AdminAutoHeightTextInput):
    """A text area that grows with its text, for lists edited one item per line."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 3, "spellcheck": "false", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return super().format_value(value)
