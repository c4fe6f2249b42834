"""Views of the surveys app, by audience: managing, building, answering, results."""
