"""buurtportaal static site generator."""
