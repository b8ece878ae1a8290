"""The comparison of two versions of a page, as the connector who approves it reads it.

Wagtail compares fields by their stored values, which for our JSON lists printed Python
(``['Mo 14:00-17:00']``), dates as ISO text and repeat rules as RRULE text. Here each
kind of value is shown as a person reads it: list items one per line the way the editor
shows them (opening hours in Dutch, synonym groups with commas), dates in words, yes/no,
categories by name and the repeat rule in a sentence. Registered for every page in this
module; `ReadableFieldPanel` picks a comparison for one field (the repeat rule).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.compare import (
    FieldComparison,
    M2MFieldComparison,
    TextDiff,
    TextFieldComparison,
    diff_text,
    register_comparison_class,
)
from wagtail.admin.panels import FieldPanel

from cms.core.dutchdates import format_date_long, format_time

_LINE_BREAK_RE = re.compile(r"\r\n?")


def _lines_html(changes: list[tuple[str, str]]) -> str:
    """One item per line; TextDiff escapes each item."""
    return TextDiff(changes, separator="<br>").to_html()


class TextComparison(TextFieldComparison):
    """Plain and Markdown text: line endings made equal (a browser posts \\r\\n), so only
    words someone changed are marked, and paragraphs shown as paragraphs."""

    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.val_a = _LINE_BREAK_RE.sub("\n", self.val_a or "")
        self.val_b = _LINE_BREAK_RE.sub("\n", self.val_b or "")

    def htmldiff(self):
        return mark_safe(diff_text(self.val_a, self.val_b).to_html().replace("\n", "<br>"))  # noqa: S308


class ListComparison(FieldComparison):
    """A JSON list (zoekwoorden, openingstijden, synoniemen, vervallen data): one item per
    line, each shown as the page's own editing form shows it, additions and deletions
    marked per item."""

    def show_item(self, item: Any) -> str:
        form_class = getattr(self.field.model, "base_form_class", None)
        field_classes = getattr(getattr(form_class, "Meta", None), "field_classes", {}) or {}
        field_class = field_classes.get(self.field.name)
        show = getattr(field_class, "show_item", None)
        if show is not None:
            return show(field_class(), item)
        if isinstance(item, list | tuple):
            return ", ".join(str(word) for word in item)
        return str(item)

    def items(self, value: Any) -> list[str]:
        if isinstance(value, list | tuple):
            return [self.show_item(item) for item in value]
        return [] if value in (None, "") else [str(value)]

    def has_changed(self):
        return self.items(self.val_a) != self.items(self.val_b)

    def htmldiff(self):
        items_a, items_b = self.items(self.val_a), self.items(self.val_b)
        changes: list[tuple[str, str]] = []
        matcher = difflib.SequenceMatcher(None, items_a, items_b)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                changes += [("equal", item) for item in items_a[i1:i2]]
                continue
            changes += [("deletion", item) for item in items_a[i1:i2]]
            changes += [("addition", item) for item in items_b[j1:j2]]
        if not changes:
            return escape(_("(leeg)"))
        return _lines_html(changes)


class ShownValueComparison(FieldComparison):
    """A single value shown in words rather than as Python prints it."""

    def show(self, value: Any) -> str:
        return "" if value is None else str(value)

    def htmldiff(self):
        shown_a, shown_b = self.show(self.val_a), self.show(self.val_b)
        if self.val_a == self.val_b:
            return escape(shown_a or _("(leeg)"))
        changes = [(kind, text) for kind, text in (("deletion", shown_a),
                                                   ("addition", shown_b)) if text]
        return TextDiff(changes, separator=" ").to_html()


class DateComparison(ShownValueComparison):
    def show(self, value):
        return format_date_long(value) if value else ""


class TimeComparison(ShownValueComparison):
    def show(self, value):
        return format_time(value) if value else ""


class BooleanComparison(ShownValueComparison):
    def show(self, value):
        return _("ja") if value else _("nee")


class NamedItemsComparison(M2MFieldComparison):
    """Categories and other chosen items by their name (``Zorg en welzijn``), without the
    village that every item of this page shares."""

    def get_item_display(self, item):
        return str(getattr(item, "name", None) or getattr(item, "title", None) or item)


class RecurrenceComparison(ShownValueComparison):
    """The repeat rule in a sentence (``Elke week op dinsdag``), as cms.agenda describes
    it; the RRULE text only for a rule the friendly choices cannot say."""

    def show(self, value):
        from cms.agenda.recurrence import describe_rule

        return describe_rule(value or "")


register_comparison_class(models.TextField, comparison_class=TextComparison)
register_comparison_class(models.JSONField, comparison_class=ListComparison)
register_comparison_class(models.DateField, comparison_class=DateComparison)
register_comparison_class(models.DateTimeField, comparison_class=FieldComparison)
register_comparison_class(models.TimeField, comparison_class=TimeComparison)
register_comparison_class(models.BooleanField, comparison_class=BooleanComparison)
register_comparison_class(ParentalManyToManyField, comparison_class=NamedItemsComparison)


class ReadableFieldPanel(FieldPanel):
    """A FieldPanel whose version comparison is given, for a field whose stored text
    means more than it says (``comparison_class=RecurrenceComparison``)."""

    def __init__(self, field_name: str, *args,
                 comparison_class: Callable[..., FieldComparison] | None = None, **kwargs):
        super().__init__(field_name, *args, **kwargs)
        self.comparison_class = comparison_class

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "comparison_class": self.comparison_class}

    def get_comparison_class(self):
        return self.comparison_class or super().get_comparison_class()
