"""Widgets of the admin forms: JSON lists edited one item per line, and date and time
pickers that show Dutch dates and keep what the volunteer typed."""

from __future__ import annotations

from wagtail.admin.widgets import (
    AdminAutoHeightTextInput,
    AdminDateInput,
    AdminDateTimeInput,
    AdminTimeInput,
)


class LinesInput(AdminAutoHeightTextInput):
    """A text area that grows with its text, for lists edited one item per line."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 3, "spellcheck": "false", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return super().format_value(value)


# The date picker Wagtail ships (xdsoft datetimepicker) "validates on blur": text it cannot
# read with its own format is silently replaced by the current date or time. Volunteers
# typed 17-12-2026 or "17 december 2026" and saved today's date. Our pickers show and fill
# in the Dutch format and leave typed text alone; the form field reads it (cms.core
# dutchdates) or says what is wrong, with the text still in the field.
PICKER_KEEPS_TYPED_TEXT = {"validateOnBlur": False}
DUTCH_DATE_FORMAT = "%d-%m-%Y"
DUTCH_TIME_FORMAT = "%H:%M"


class DutchDateInput(AdminDateInput):
    """Wagtail's date picker, showing dates as 17-12-2026 and never replacing typed text."""

    def __init__(self, attrs=None, format=None):
        super().__init__({"placeholder": "dd-mm-jjjj", **(attrs or {})},
                         format=format or DUTCH_DATE_FORMAT)

    def get_config(self):
        return {**super().get_config(), **PICKER_KEEPS_TYPED_TEXT}


class DutchTimeInput(AdminTimeInput):
    """Wagtail's time picker, showing times as 14:00 and never replacing typed text."""

    def __init__(self, attrs=None, format=None):
        super().__init__({"placeholder": "uu:mm", **(attrs or {})},
                         format=format or DUTCH_TIME_FORMAT)

    def get_config(self):
        return {**super().get_config(), **PICKER_KEEPS_TYPED_TEXT}


class DutchDateTimeInput(AdminDateTimeInput):
    """Wagtail's date-and-time picker as 17-12-2026 14:00, never replacing typed text."""

    def __init__(self, attrs=None, format=None, **kwargs):
        super().__init__(attrs, format=format or f"{DUTCH_DATE_FORMAT} {DUTCH_TIME_FORMAT}",
                         **kwargs)

    def get_config(self):
        return {**super().get_config(), **PICKER_KEEPS_TYPED_TEXT}
