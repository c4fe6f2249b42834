"""Views of the collaborators app, one module per screen family: roster (with its Excel
import), trainings, coverage, opinion reports (with the hot-topics board)."""
