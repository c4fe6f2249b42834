"""Briefing meetings (hội nghị giao ban dư luận xã hội): dispatch task 4."""
