"""The editorial backend of buurtportaal: a Wagtail project whose publish pipeline writes
content files into content/ and asks sitegen to rebuild the village."""
