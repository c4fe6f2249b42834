"""Dialogue sessions (đối thoại): minutes, commitments."""

__all__: list[str] = []
