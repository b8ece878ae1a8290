"""Settings per environment: base, dev (the default), test and production."""
