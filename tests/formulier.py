"""The fields a browser would submit from a form on a page, for tests and bench scripts that
post forms as a browser without JavaScript does.

    velden = formulier(html, "maandformulier")

Inputs (not buttons; a checkbox or radio only when checked), the text of a textarea and the
selected option of a select, with their current values; the CSRF token is included, so the
same fields also post over real HTTP (worker and fault tests)."""

from html.parser import HTMLParser


class _Lezer(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.binnen = False
        self.velden: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.binnen = True
        if not self.binnen:
            return
        naam = a.get("name")
        if tag == "input" and naam:
            soort = a.get("type", "text")
            if soort in ("submit", "button", "reset", "image"):
                return
            if soort in ("checkbox", "radio") and "checked" not in a:
                return
            standaard = "on" if soort in ("checkbox", "radio") else ""
            self.velden[naam] = a.get("value") or standaard
        elif tag == "textarea" and naam:
            self._textarea = naam
            self.velden[naam] = ""
        elif tag == "select" and naam:
            self._select = naam
        elif tag == "option" and self._select and "selected" in a:
            self.velden[self._select] = a.get("value") or ""

    def handle_data(self, data):
        if self._textarea:
            self.velden[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self.binnen = False


def formulier(html: str | bytes, form_id: str = "maandformulier") -> dict[str, str]:
    """Name -> value of every field the form ``#form_id`` in ``html`` would submit."""
    lezer = _Lezer(form_id)
    lezer.feed(html.decode() if isinstance(html, bytes) else html)
    return lezer.velden
