"""The models of good practices; see the app's docstring."""
