from .navigation import entries_for


def menu(request) -> dict:
    return {"menu_entries": entries_for(request.user)}
