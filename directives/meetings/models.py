"""The models of briefing meetings; see the app's docstring."""
