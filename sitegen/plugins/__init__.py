"""Pelican plugins of buurtportaal, in the pelican-plugins namespace layout."""
