"""``{% regel "afronden" %}``: a rule named in words, linked to its explanation on /hulp/."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from kern import uitleg

register = template.Library()


@register.simple_tag
def regel(anker: str, tekst: str = "") -> str:
    r = uitleg.regel(anker)
    return format_html(
        '<a class="utrecht-link" href="{}#{}">{}</a>', reverse("hulp"), r.anker, tekst or r.naam
    )
