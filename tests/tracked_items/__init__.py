"""A test-only app with a concrete tracked item, to test the abstract base in portal."""
