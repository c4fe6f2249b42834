"""What the grievance register registers: menu, home to-dos, contributions, demo seed."""


def register() -> None:
    pass
