"""The grievance register (kiến nghị, phản ánh)."""

__all__: list[str] = []
