"""The main menu in the page header (templates/base.html): every overview the user may open
(organisaties.toegang.hoofdmenu), so a corporatie reaches the dashboards it may read and
the beheerder the start page and the admin."""

from django import template

from organisaties import toegang

register = template.Library()


@register.simple_tag(takes_context=True)
def hoofdmenu(context):
    request = context.get("request")
    if request is None:
        return []
    huidig = request.path
    return [
        {"label": label, "url": url, "actief": url == huidig}
        for label, url in toegang.hoofdmenu(request.user)
    ]
