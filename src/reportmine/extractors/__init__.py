"""Extractors: text in, typed records with evidence out; listed in `registry`."""
