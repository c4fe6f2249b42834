"""Direct dialogue sessions and the grievance register: dispatch task 5."""
