"""Bulletins of official information that orient opinion: dispatch tasks 1, 3 and 4."""
