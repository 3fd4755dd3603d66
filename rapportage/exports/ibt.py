"""The IBT dashboard of a province as a PDF for Gedeputeerde Staten (issue 11), laid out for
print like the meeting pack (WeasyPrint, A4 landscape, page numbers).

The same context as the page (``rapportage.views.dashboard.provincie_context``): the same
rows, the same status per gemeente for its next milestone and the same trede, in Dutch
formats; the ranking chart drawn in Python (``rapportage.exports.svg``).
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from rapportage.exports.pdf import grafiek


def document(ctx: dict) -> bytes:
    from weasyprint import CSS, HTML

    figuur = ctx["grafiek_ranglijst"]
    hoogte = int((figuur.get("layout") or {}).get("height") or 300)
    html = render_to_string(
        "rapportage/provincie_pdf.html",
        {**ctx, "grafiek_svg": grafiek(figuur, 1000, hoogte)},
    )
    stijl = finders.find("css/rapportage-print.css")
    return HTML(string=html, base_url=None).write_pdf(stylesheets=[CSS(filename=stijl)])
