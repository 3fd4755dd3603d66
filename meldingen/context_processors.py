from meldingen.models import Melding


def ongelezen(request) -> dict:
    """The unread count in the header (base.html), one query per page, only when logged in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"meldingen_ongelezen": Melding.objects.filter(user=user, gelezen_op=None).count()}
