"""The meeting pack as a PDF, laid out for print (WeasyPrint, A4 landscape).

Generated in the request: it is asked for on demand before a meeting, and it is then always
exactly what the page shows. No queue, no stored files. The chart is drawn in Python
(``rapportage.exports.svg``, no browser) and kept per process by the hash of its figure;
``bench/pdf.py`` measures a first and a repeated PDF.
"""

import base64
import logging
import threading

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from rapportage.exports import svg
from rapportage.exports.pakket import TEKST, Pakket, tekst

logger = logging.getLogger(__name__)


def voorladen() -> float:
    """Load the views, WeasyPrint and its fonts now, so the first request (and the first PDF)
    a user asks for does not pay 2-5 s for it. Returns the seconds it took."""
    import time

    begin = time.perf_counter()
    try:
        from django.template.loader import get_template
        from django.urls import get_resolver
        from weasyprint import CSS, HTML

        # The URLconf imports every view and what they need (pandas, plotly): 1-2 s that the
        # first request of a process would otherwise pay.
        _ = get_resolver().url_patterns  # imports the URLconf

        # The print style sheet and a small table, laid out once: WeasyPrint's style and font
        # caches then hold what the meeting pack uses; the templates are compiled (and kept by
        # the cached loader in production).
        for naam in ("rapportage/overleg_pdf.html", "rapportage/provincie_pdf.html"):
            try:
                get_template(naam)
            except Exception:  # noqa: S112 - a missing template shows when it is used
                continue
        stijl = finders.find("css/rapportage-print.css")
        HTML(
            string="<h1>Overleg</h1><table><tr><th>Maand</th><td>1,0</td></tr></table>"
            "<p><strong>1 oktober 2023</strong> 12.345</p>"
        ).write_pdf(stylesheets=[CSS(filename=stijl)] if stijl else None)
    except Exception:  # the PDF then loads it itself, and says what is wrong there
        logger.exception("WeasyPrint kon niet vooraf worden geladen")
    return time.perf_counter() - begin


def voorladen_op_achtergrond() -> threading.Thread:
    """``voorladen`` in a thread: a web process (``config/wsgi.py``) starts answering at
    once, as before, and WeasyPrint is ready by the time someone asks for a PDF (a request
    that comes earlier waits only for the rest of the import)."""
    draad = threading.Thread(target=voorladen, name="pdf-voorladen", daemon=True)
    draad.start()
    return draad


def grafiek(figuur: dict, breedte: int, hoogte: int) -> str | None:
    """The figure as an SVG data URI for an <img>; None (the PDF then says so and shows the
    table) if it cannot be drawn."""
    try:
        tekening = svg.svg(figuur, breedte, hoogte)
    except Exception:
        logger.exception("grafiek niet te tekenen voor de PDF")
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(tekening.encode()).decode()


def document(pakket: Pakket, ctx: dict) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string(
        "rapportage/overleg_pdf.html",
        {
            **ctx,
            "pakket": pakket,
            "secties": [_sectie(s) for s in pakket.secties],
            "grafiek_svg": grafiek(ctx["grafiek_cumulatief"], 1000, 430),
        },
    )
    stijl = finders.find("css/rapportage-print.css")
    return HTML(string=html, base_url=None).write_pdf(stylesheets=[CSS(filename=stijl)])


def _sectie(s) -> dict:
    """Cells as display text. In a wide table a column of long texts (the forecast's reason)
    would be squeezed to a word per line: it goes below the table, per row, instead."""
    rijen = [
        [tekst(x, soort) for x, (_, soort) in zip(r, s.kolommen, strict=False)] for r in s.rijen
    ]
    lang = {
        i
        for i, (_, soort) in enumerate(s.kolommen)
        if soort == TEKST
        and len(s.kolommen) > 6
        and any(len(r[i]) > 60 for r in rijen if i < len(r))
    }
    kolommen = [k for i, k in enumerate(s.kolommen) if i not in lang]
    onder = [
        f"{r[0]}, {s.kolommen[i][0].lower()}: {r[i]}"
        for r in rijen
        for i in sorted(lang)
        if i < len(r)
    ]
    return {
        "sectie": s,
        "kolommen": kolommen,
        "rijen": [
            [
                {"t": t, "getal": soort != TEKST}
                for i, (t, (_, soort)) in enumerate(zip(r, s.kolommen, strict=False))
                if i not in lang
            ]
            for r in rijen
        ],
        "onder": onder,
    }
