"""The grievance register: everything but the models and URLs."""
