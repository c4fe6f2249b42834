"""What dialogue sessions register: menu, home to-dos, contributions, demo seed."""


def register() -> None:
    pass
