"""The fields a browser without JavaScript would submit from the month form (used by the
worker and fault tests and by bench/maand.py)."""

from html.parser import HTMLParser


class _Maandformulier(HTMLParser):
    def __init__(self):
        super().__init__()
        self.binnen = False
        self.velden: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "maandformulier":
            self.binnen = True
        elif (
            self.binnen
            and tag in ("input", "textarea")
            and a.get("name")
            and a.get("type") not in ("submit", "button")
        ):
            self.velden[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.binnen = False


def maandvelden(html: str) -> dict[str, str]:
    """Name -> value of every field of the form ``#maandformulier`` in ``html``."""
    lezer = _Maandformulier()
    lezer.feed(html)
    return dict(lezer.velden)
