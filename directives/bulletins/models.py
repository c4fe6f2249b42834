"""The models of official information; see the app's docstring."""
