from .navigation import menu_for


def menu(request) -> dict:
    return {"menu_items": menu_for(request.user)}
