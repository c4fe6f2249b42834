"""The models of dialogue and grievances; see the app's docstring."""
