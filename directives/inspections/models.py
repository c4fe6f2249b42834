"""The models of inspections and reviews; see the app's docstring."""
