"""Shared foundations of the CMS: the image model, the base page and validators."""
