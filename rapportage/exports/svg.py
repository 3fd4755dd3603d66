"""Plotly figures as SVG for the PDF, with kaleido and the Chromium of the machine.

The same figure dicts the browser draws. kaleido drives a headless Chromium (BROWSER_PATH,
Debian's /usr/bin/chromium; the Docker image installs it); the first image of a process takes
3-5 s to start the browser, later ones about 0,25 s because the server stays up
(``kaleido.start_sync_server`` once per process). Without Chromium, or when it fails, the
answer is None and the PDF shows a note in place of the chart, with the same numbers in the
table next to it.
"""

import logging
import os
import threading

from django.conf import settings

logger = logging.getLogger(__name__)
_slot = threading.Lock()
_gestart = False


def beschikbaar() -> bool:
    pad = settings.BROWSER_PATH
    return bool(pad) and os.path.isfile(pad) and os.access(pad, os.X_OK)


def svg(figuur: dict, breedte: int = 900, hoogte: int = 420) -> str | None:
    global _gestart
    if not beschikbaar():
        return None
    import kaleido

    with _slot:  # one browser per process; kaleido's sync server is not re-entrant
        try:
            if not _gestart:
                os.environ["BROWSER_PATH"] = settings.BROWSER_PATH
                kaleido.start_sync_server(headless=True, silence_warnings=True)
                _gestart = True
            data = kaleido.calc_fig_sync(
                figuur, opts={"format": "svg", "width": breedte, "height": hoogte}
            )
        except Exception:
            logger.exception("grafiek niet te tekenen met kaleido (%s)", settings.BROWSER_PATH)
            return None
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)
