"""Upload benchmark (bench/README.md, "Upload: bommen en grote bestanden"), issue 12.

    bench/upload.py                  # this code
    bench/upload.py --code /tmp/oud  # the same files against another checkout (before/after)

Each hostile file is posted to the import page (``/gemeenten/GM0034/realisatie/import/``, as
the demo's opgaveteam of Almere) in a process of its own, after a warm-up (the page, a small
CSV and a small .xlsx, so Django, openpyxl and the templates are loaded). Reported per file:
the answer (status, size, time), the resident memory at rest just before the upload (RSS) and
the peak of the process after it (``ru_maxrss``); the difference is what the upload cost.

The database is ``vh_bench_upload`` (``BENCH_UPLOAD_DATABASE_URL``; the name must start with
``vh_bench``), made once with ``migrate`` and the demo; a refused upload writes nothing.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The child measures the code of --code (BENCH_CODE); the files are built here, from ROOT.
sys.path.insert(0, os.environ.get("BENCH_CODE", str(ROOT)))

MB = 1024 * 1024
URL = "/gemeenten/GM0034/realisatie/import/"
DATABASE_URL = os.environ.get(
    "BENCH_UPLOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vh_bench_upload"
)
GEVALLEN = {
    "csv-10mb-een-cel": "CSV van 10 MB, één cel van bijna 10 MB",
    "csv-11mb": "CSV van 11 MB (boven de grens)",
    "csv-10mb-foute-regels": "CSV van 10 MB, 95.325 regels met een fout",
    "xlsx-300mb-tekst": "xlsx van 300 KB, gedeelde tekst van 300 MB",
    "xlsx-50mb-cel": "xlsx van 50 KB, cel van 50 MB in het blad",
    "xlsx-leugen": "xlsx van 300 KB die 1.000 bytes opgeeft voor de 300 MB",
}


def _bestanden(map_: Path) -> None:
    """Write the hostile files (built small: tests/bommen.py)."""
    from tests.bommen import GROOT, KOP, gelogen, groot_csv, xlsx

    regel = ["GM0034", "2023-05", "regulier", GROOT, 9, 9, 4]
    bom = xlsx([KOP, regel], lengte=300 * MB)
    (map_ / "klein.xlsx").write_bytes(xlsx())
    (map_ / "xlsx-300mb-tekst.xlsx").write_bytes(bom)
    (map_ / "xlsx-leugen.xlsx").write_bytes(gelogen(bom, "xl/sharedStrings.xml", 1000))
    (map_ / "xlsx-50mb-cel.xlsx").write_bytes(xlsx([KOP, regel], lengte=50 * MB, inline=True))
    (map_ / "csv-10mb-een-cel.csv").write_bytes(groot_csv(10 * MB - 1))
    (map_ / "csv-11mb.csv").write_bytes(groot_csv(11 * MB))
    kop = (",".join(KOP) + "\n").encode()
    fout = b"GM0034,2023-05,amv,," + b"z" * 85 + b",3,1\n"  # 110 bytes: 95.325 regels
    (map_ / "csv-10mb-foute-regels.csv").write_bytes(
        kop + fout * ((10 * MB - len(kop)) // len(fout))
    )


def _database() -> None:
    """vh_bench_upload with the demo, made once."""
    import psycopg

    naam = DATABASE_URL.rsplit("/", 1)[1]
    if not naam.startswith("vh_bench"):
        sys.exit(f"BENCH_UPLOAD_DATABASE_URL: de naam moet met vh_bench beginnen, niet {naam}")
    beheer = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(beheer, autocommit=True) as c:
        if c.execute("select 1 from pg_database where datname = %s", [naam]).fetchone():
            return
        c.execute(f'create database "{naam}"')
    env = _omgeving()
    for args in (["migrate", "-v0"], ["load_demo", "--wachtwoord", "bench-upload-2023"]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def _omgeving() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": "",
        "LOG_LEVEL": "ERROR",
        "ALLOWED_HOSTS": "testserver",
    }


def _nl(getal: float, decimalen: int = 0) -> str:
    return f"{getal:,.{decimalen}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _rss() -> int:
    """Resident memory now, in bytes."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _een(geval: str, map_: Path) -> dict:
    """In the child: warm up, then post the one file and measure."""
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from organisaties.models import User

    client = Client()
    client.force_login(User.objects.get(username="opgaveteam-almere"))
    client.get(URL)
    kop = "gemeente,maand,bron,corporatie,personen_gehuisvest,personen_tellend,woningen"
    klein = f"{kop}\nGM0034,2023-05,amv,,drie,3,1\n".encode()
    client.post(URL, {"bestand": SimpleUploadedFile("klein.csv", klein)})
    xlsx = (map_ / "klein.xlsx").read_bytes()
    client.post(URL, {"bestand": SimpleUploadedFile("klein.xlsx", xlsx)})
    pad = next(map_.glob(f"{geval}.*"))
    bestand = SimpleUploadedFile(pad.name, pad.read_bytes())
    rust = _rss()
    begin = time.perf_counter()
    antwoord = client.post(URL, {"bestand": bestand})
    duur = time.perf_counter() - begin
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    html = antwoord.content.decode()
    return {
        "geval": geval,
        "bestand": pad.stat().st_size,
        "status": antwoord.status_code,
        "antwoord": len(antwoord.content),
        "geweigerd": "Het bestand is geweigerd; er is niets opgeslagen" in html,
        "seconden": round(duur, 2),
        "rust_mb": round(rust / MB),
        "piek_mb": round(piek / MB),
        "extra_mb": round(max(0, piek - rust) / MB),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout om te meten")
    parser.add_argument("--geval", help=argparse.SUPPRESS)
    parser.add_argument("--map", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.geval:
        print(json.dumps(_een(args.geval, args.map)))
        return
    _database()
    os.environ.update(_omgeving())
    import django

    django.setup()  # the files are built with the import's own columns
    with tempfile.TemporaryDirectory() as map_:
        _bestanden(Path(map_))
        env = {**_omgeving(), "BENCH_CODE": str(args.code)}
        print(f"code: {args.code}")
        kop = "| bestand | grootte | antwoord | tijd | RSS in rust | piek | extra |"
        print(kop + "\n|---|---|---|---|---|---|---|")
        for geval, omschrijving in GEVALLEN.items():
            uit = subprocess.run(  # noqa: S603 (this script, fixed arguments)
                [sys.executable, str(Path(__file__).resolve()), "--geval", geval, "--map", map_],
                cwd=args.code,
                env=env,
                capture_output=True,
                text=True,
            )
            if uit.returncode:
                print(f"| {omschrijving} | fout: {uit.stderr.strip().splitlines()[-1:]} |")
                continue
            r = json.loads(uit.stdout.strip().splitlines()[-1])
            geweigerd = ", geweigerd" if r["geweigerd"] else ""
            print(
                f"| {omschrijving} | {_nl(r['bestand'] / 1024)} KB | {r['status']}, "
                f"{_nl(r['antwoord'] / 1024, 1)} KB{geweigerd} | {_nl(r['seconden'], 2)} s | "
                f"{r['rust_mb']} MB | {_nl(r['piek_mb'])} MB | **{_nl(r['extra_mb'])} MB** |",
                flush=True,
            )


if __name__ == "__main__":
    main()
