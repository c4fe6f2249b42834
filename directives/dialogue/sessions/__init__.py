"""Dialogue sessions (đối thoại): everything but the models and URLs."""
