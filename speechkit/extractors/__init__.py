"""Extractors: pure functions from a sentence (with its context) to records."""
