"""Bytes on the wire for a dashboard (bench/dashboards.sh): a first visit (the HTML and every
stylesheet and script it loads, as a browser with an empty cache gets them: compressed where
the server compresses) and a repeat visit (the HTML only: the static files have hashed names
and a year's max-age, so the browser keeps them).

    bench/overdracht.py http://127.0.0.1:8000 /gemeenten/GM8184/ SESSIONID
"""

import http.client
import re
import sys
from urllib.parse import urlsplit

KOP = {"Accept-Encoding": "gzip, deflate, br", "X-Forwarded-Proto": "https"}


def _haal(basis: str, pad: str, sessie: str, host: str) -> tuple[int, bytes, dict]:
    u = urlsplit(basis)
    verbinding = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    verbinding.request("GET", pad, headers={**KOP, "Host": host, "Cookie": f"sessionid={sessie}"})
    antwoord = verbinding.getresponse()
    inhoud = antwoord.read()  # as sent: still compressed
    koppen = {k.lower(): v for k, v in antwoord.getheaders()}
    # Status line and headers count too.
    kop = len(f"HTTP/1.1 {antwoord.status} {antwoord.reason}\r\n") + sum(
        len(k) + len(v) + 4 for k, v in antwoord.getheaders()
    )
    verbinding.close()
    return kop + len(inhoud), inhoud, koppen


def main() -> None:
    basis, pad, sessie = sys.argv[1:4]
    host = sys.argv[4] if len(sys.argv) > 4 else "localhost"
    html_bytes, inhoud, koppen = _haal(basis, pad, sessie, host)
    if koppen.get("content-encoding") == "gzip":
        import gzip

        html = gzip.decompress(inhoud).decode()
    else:
        html = inhoud.decode()
    bronnen = sorted(set(re.findall(r'(?:src|href)="(/static/[^"]+)"', html)))
    statisch = 0
    regels = []
    for b in bronnen:
        n, _, k = _haal(basis, b, sessie, host)
        statisch += n
        regels.append(
            f"    {n / 1024:8.1f} KB  {b} ({k.get('content-encoding', 'ongecomprimeerd')}, "
            f"{k.get('cache-control', '-')})"
        )
    print(
        f"{pad}: herhaald bezoek {html_bytes / 1024:.1f} KB (HTML, "
        f"{koppen.get('content-encoding', 'ongecomprimeerd')}; {len(html) / 1024:.0f} KB "
        f"uitgepakt); eerste bezoek {(html_bytes + statisch) / 1024:.0f} KB "
        f"({len(bronnen)} statische bestanden)"
    )
    print("\n".join(regels))


if __name__ == "__main__":
    main()
