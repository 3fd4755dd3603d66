from organisaties import toegang


def navigatie(request) -> dict:
    """What the header shows; the pages themselves check access again on the server."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"mijn_rollen": toegang.rollen(user)}
