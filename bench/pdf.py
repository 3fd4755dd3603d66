"""PDF benchmark (bench/README.md, "PDF"): the meeting pack and the IBT dashboard as PDF on
the demo, as a download costs it (the whole request, in this process, Django test client).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vh_bench_pdf .venv/bin/python bench/pdf.py

The database must be called vh_bench...; an empty one gets ``migrate`` and the demo first.
Three measurements, each the median of three runs:

- **koud**: the first PDF of a new server process (a new Python process per run that first
  imports ``config.wsgi`` as a web process does and lets its background load of WeasyPrint
  and its fonts finish, printed apart; formerly the first chart also started Chromium);
- **eerste**: the first PDF after a change of the figures, in a warm process (before each
  run a realisation figure of Almere changes, in a transaction rolled back afterwards, so
  the chart and the forecast are new);
- **herhaling**: the same PDF again.

Wall-clock seconds and the CPU seconds of the Django process (on a shared machine the wall
clock follows the load; Chromium, which the old code started for the chart, is another
process and not in the CPU column). For the pack it also prints where the time goes.
"""

import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")

OVERLEG = "/gemeenten/GM0034/overleg/?formaat=pdf"
IBT = "/provincies/flevoland/?peildatum=2023-05-01&formaat=pdf"
RONDEN = int(os.environ.get("BENCH_RONDEN", "3"))


def _opzetten() -> None:
    import django

    naam = os.environ.get("DATABASE_URL", "").rsplit("/", 1)[-1]
    if not naam.startswith("vh_bench"):
        raise SystemExit("Zet DATABASE_URL op een eigen database vh_bench... (bijv. vh_bench_pdf).")
    django.setup()
    from django.core.management import call_command

    from organisaties.models import Gemeente

    call_command("migrate", verbosity=0)
    if not Gemeente.objects.filter(cbs_code="GM0034").exists():
        from demo.laden import laad_demo

        laad_demo("bench-wachtwoord-pdf")


def _client(gebruikersnaam: str):
    from django.test import Client

    from organisaties.models import User

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username=gebruikersnaam))
    return client


CPU: list[float] = []  # CPU seconds of this process per request, beside the wall-clock time


def _haal(client, pad: str) -> float:
    begin, cpu = time.perf_counter(), time.process_time()
    antwoord = client.get(pad)
    duur = time.perf_counter() - begin
    CPU.append(time.process_time() - cpu)
    if antwoord.status_code != 200:
        raise SystemExit(f"{pad}: HTTP {antwoord.status_code}")
    if antwoord["Content-Type"] != "application/pdf":  # older code: no such PDF
        raise LookupError(pad)
    return duur


def _koud(pad: str, gebruiker: str) -> None:
    """One run in this (new) process: print the seconds of the first PDF."""
    _opzetten()
    begin = time.perf_counter()
    import config.wsgi  # what a web process does when it starts

    if hasattr(config.wsgi, "voorladen_op_achtergrond"):
        # The background load of WeasyPrint: a first download comes some seconds after the
        # process started, not at the same instant.
        for draad in threading.enumerate():
            if draad.name == "pdf-voorladen":
                draad.join()
    opstart = time.perf_counter() - begin
    print(f"{opstart:.3f} {_haal(_client(gebruiker), pad):.3f} {CPU[-1]:.3f}")


def _gewijzigd(i: int):
    """A change of Almere's figures for run i (rolled back by the caller)."""
    from datetime import date

    from organisaties.models import Gemeente
    from organisaties.wijzigen import opslaan
    from taakstelling.models import Realisatie

    almere = Gemeente.objects.get(cbs_code="GM0034")
    rij = Realisatie.objects.filter(gemeente=almere, maand=date(2023, 4, 1)).first()
    rij.personen_gehuisvest += i + 1
    rij.personen_tellend += i + 1
    opslaan(rij, door=None, reden=f"Benchmark PDF {i}")


def _mediaan(tijden: list[float]) -> str:
    return f"{statistics.median(tijden):.2f} s ({' / '.join(f'{t:.2f}' for t in tijden)})"


def _verdeling() -> None:
    """Where the time of one pack goes, in a warm process."""
    from datetime import date

    from django.test import RequestFactory
    from django.utils import timezone

    from organisaties.models import Gemeente, User
    from rapportage.exports import pakket, pdf, svg
    from rapportage.views import overleg

    verzoek = RequestFactory().get("/")
    verzoek.user = User.objects.get(username="taskforce-almere")
    almere = Gemeente.objects.get(cbs_code="GM0034")
    begin = time.perf_counter()
    ctx = overleg.context(verzoek, almere, timezone.localdate())
    t_ctx = time.perf_counter() - begin
    getattr(svg, "_BEWAARD", {}).clear()  # older code: no store
    begin = time.perf_counter()
    svg.svg(ctx["grafiek_cumulatief"], 1000, 430)
    t_svg = time.perf_counter() - begin
    begin = time.perf_counter()
    pdf.document(pakket.bouw(ctx), ctx)
    t_pdf = time.perf_counter() - begin
    print(
        f"  waar de tijd heen gaat: context {t_ctx:.2f} s, grafiek (nieuw) {1000 * t_svg:.1f} ms,"
        f" WeasyPrint met bewaarde grafiek {t_pdf:.2f} s ({date.today()})"
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--koud":
        _koud(sys.argv[2], sys.argv[3])
        return
    _opzetten()
    from django.db import transaction

    print(f"== {time.strftime('%Y-%m-%d %H:%M:%S')}, load {os.getloadavg()[0]:.1f}")
    for naam, pad, gebruiker in (
        ("vergaderstukken (overleg Almere)", OVERLEG, "taskforce-almere"),
        ("IBT-dashboard Flevoland", IBT, "provincie-flevoland"),
    ):
        try:
            _haal(_client(gebruiker), pad)
        except LookupError:
            print(f"{naam}: (nog) niet beschikbaar")
            continue
        koud, opstart, koud_cpu = [], [], []
        for _ in range(RONDEN):
            uit = subprocess.run(  # noqa: S603  (this script, fixed arguments)
                [sys.executable, __file__, "--koud", pad, gebruiker],
                capture_output=True,
                text=True,
                check=True,
            )
            start, eerste_pdf, cpu = uit.stdout.strip().splitlines()[-1].split()
            opstart.append(float(start))
            koud.append(float(eerste_pdf))
            koud_cpu.append(float(cpu))
        client = _client(gebruiker)
        _haal(client, pad)  # warm: WeasyPrint loaded
        eerste = []
        for i in range(RONDEN):
            with transaction.atomic():
                _gewijzigd(i)
                eerste.append(_haal(client, pad))
                transaction.set_rollback(True)
        eerste_cpu = CPU[-RONDEN:]
        herhaling = [_haal(client, pad) for _ in range(RONDEN)]
        herhaling_cpu = CPU[-RONDEN:]
        print(f"{naam}:")
        print(f"  opstart webproces        {_mediaan(opstart)} (config/wsgi.py: WeasyPrint laden)")
        print(f"  koud (nieuw proces)      {_mediaan(koud)}; CPU {_mediaan(koud_cpu)}")
        print(f"  eerste na een wijziging  {_mediaan(eerste)}; CPU {_mediaan(eerste_cpu)}")
        print(f"  herhaling                {_mediaan(herhaling)}; CPU {_mediaan(herhaling_cpu)}")
    _verdeling()
    print(f"== klaar, load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
