"""Inspections of the opinion work, six-monthly and yearly reviews: dispatch task 6."""
