#!/usr/bin/env python3
"""Fingerprint and comparison for bin/upgrade-proef.sh (plain Python and psycopg, no Django).

    upgrade_proef.py vingerafdruk --code DIR --db URL --uit FILE [--kolommen-van OUD.json]
    upgrade_proef.py vergelijk OUD.json NIEUW.json [--herhaling]

A fingerprint (JSON) holds, for one database and one code tree:

- ``tabellen``: for every table in the public schema its columns, its exact row count and the
  md5 of its rows (each row as text over a fixed column list, sorted bytewise). With
  ``--kolommen-van`` the checksum of a table that existed before is taken over the *old*
  columns, so a column added by the upgrade does not count as a change of the old data; an old
  column that is gone is recorded and fails the comparison.
- ``gemeenten``: for every gemeente (CBS codes read with SQL) the JSON of ``manage.py stand``
  and ``manage.py prognose`` at a fixed peildatum. The commands run through ``call_command``
  in ONE Django process of the code tree (the same command code and output as
  ``manage.py stand CBS --format json``; a process per call would cost ~4.5 s of start-up
  each, about ten minutes for the whole proof).
- ``contenttypes``: content types without a model in this code tree (stale after a model
  moved to another app) and the permissions hanging on them: reported, never a failure.
- ``omzettingen``: what the declared data migrations (declared below) did, each checked
  for what it promises rather than skipped: a citation ``bron`` ("seed 000 r. 78") that became
  a document with its paragraph must mean the same document, paragraph and note as the old text
  (read back with ``kern.bronnen.uit_oude_verwijzing``), and the history rows the migration
  wrote carry its reason.

``vergelijk`` exits 1 on any difference and prints the differences; ``--herhaling`` compares
two fingerprints of the same code (nothing may differ, not even ``engine_versie``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
from psycopg import sql

PEILDATUM = "2023-05-01"
GEMEENTE_TABEL = "organisaties_gemeente"  # organisaties.Gemeente (no db_table of its own)
# migrate records itself here: always different after an upgrade, never compared.
NIET_VERGELEKEN = {"django_migrations"}
# migrate's post_migrate signal adds a content type (and its four permissions) for every
# model under a new app_label; the old rows stay until remove_stale_contenttypes. Reported
# with the stale rows, never a failure.
ALLEEN_GEMELD = {"django_content_type", "auth_permission"}
# Fields of the command JSON that may legitimately differ between old and new code:
# engine_versie is a hash of the prognose engine's source files
# (prognose/rekenen/engine.py, _engine_versie), so any edit to those files, even an import
# path that changes because a module moved, gives a new version. It says which code computed
# the result, not what the result is; invoer_hash hashes the inputs together with that
# version (so a new engine recomputes stored snapshots) and follows it. The random draws do
# not (engine.ZAAD_VERSIE), so every figure and probability must be equal. Nothing else is
# excluded: stand and prognose are
# deterministic for a fixed peildatum (checked on every run by fingerprinting the old code
# twice, see bin/upgrade-proef.sh).
GENEGEERD = {"stand": frozenset(), "prognose": frozenset({"engine_versie", "invoer_hash"})}
MAX_VERSCHILLEN_PER_UITVOER = 5

# --- declared data migrations ---------------------------------------------------------------
# A data migration changes old rows on purpose. Each is declared here with what it may change,
# and checked for what it promises; anything else it touched still fails the proof.
ROOT = Path(__file__).resolve().parents[1]
# organisaties.migratie_operaties.BRON_OMGEZET: the reason on every history row it writes.
BRON_OMGEZET = "Bron omgezet naar een brondocument met paragraaf (migratie)"
# The tables whose ``bron`` text became brondocument + paragraaf + the remaining note
# (migrations taakstelling 0011, bemiddeling 0009, prognose 0004).
BRONTABELLEN = frozenset(
    {
        "taakstelling_taakstelling",
        "taakstelling_openingssaldo",
        "taakstelling_mijlpaal",
        "taakstelling_ibtstatus",
        "bemiddeling_verdeelafspraak",
        "bemiddeling_aanbodverwachting",
        "bemiddeling_actieplan",
        "rapportage_scenario",
    }
)
# New tables that a data migration fills: their rows are reported, not a failure.
GEVULDE_NIEUWE_TABELLEN = {
    "organisaties_brondocument": "de documenten waarnaar de omgezette bronnen verwijzen",
    "organisaties_historicalbrondocument": "historie van die documenten",
    "taakstelling_landelijketaakstelling": "de landelijke taakstelling uit de Staatscourant",
    "taakstelling_historicallandelijketaakstelling": "historie van de landelijke taakstelling",
}

# Runs with the code tree as working directory and DJANGO_SETTINGS_MODULE from the caller.
# argv: output file, peildatum, CBS codes.
DJANGO_UITVOER = r"""
import io, json, sys
import django

django.setup()
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

uit, peildatum, *codes = sys.argv[1:]


def json_van(opdracht, cbs):
    buffer = io.StringIO()
    try:
        call_command(opdracht, cbs, "--peildatum", peildatum, "--format", "json", stdout=buffer)
    except Exception as e:
        return {"fout": f"{type(e).__name__}: {e}"}
    return json.loads(buffer.getvalue())


verouderd = [
    ct for ct in ContentType.objects.order_by("app_label", "model") if ct.model_class() is None
]
resultaat = {
    "gemeenten": {
        cbs: {"stand": json_van("stand", cbs), "prognose": json_van("prognose", cbs)}
        for cbs in codes
    },
    "contenttypes": {
        "verouderd": [f"{ct.app_label}.{ct.model}" for ct in verouderd],
        "permissies_op_verouderd": Permission.objects.filter(content_type__in=verouderd).count(),
    },
}
with open(uit, "w", encoding="utf-8") as f:
    json.dump(resultaat, f, ensure_ascii=False, indent=1, sort_keys=True)
"""


# --- fingerprint -------------------------------------------------------------------------


def tabellen(conn: psycopg.Connection, kolommen_van: dict | None = None) -> dict[str, dict]:
    """Row count and checksum of every table in the public schema."""
    kolommen_per_tabel = conn.execute(
        """
        SELECT c.relname, array_agg(a.attname::text ORDER BY a.attnum)
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        GROUP BY c.relname
        ORDER BY c.relname
        """
    ).fetchall()
    uitkomst = {}
    for tabel, kolommen in kolommen_per_tabel:
        oud = (kolommen_van or {}).get(tabel)
        if oud is None:
            over, ontbrekend = kolommen, []
        else:
            over = [k for k in oud["kolommen"] if k in kolommen]
            ontbrekend = [k for k in oud["kolommen"] if k not in kolommen]
        if tabel in BRONTABELLEN:
            # The citation is compared on its meaning (bronnen()), the rest row for row.
            over = [k for k in over if k != "bron"]
        # History rows a declared data migration wrote are counted apart (omgezette_historie).
        waar = sql.SQL("")
        if "history_change_reason" in kolommen:
            waar = sql.SQL(" WHERE history_change_reason IS DISTINCT FROM {}").format(
                sql.Literal(BRON_OMGEZET)
            )
        rijen, md5 = conn.execute(
            sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(r, E'\\n' ORDER BY r COLLATE \"C\"), ''))"
                " FROM (SELECT ROW({kolommen})::text AS r FROM {tabel}{waar}) s"
            ).format(
                kolommen=sql.SQL(", ").join(sql.Identifier(k) for k in over),
                tabel=sql.Identifier("public", tabel),
                waar=waar,
            )
        ).fetchone()
        uitkomst[tabel] = {
            "kolommen": kolommen,
            "checksum_over": over,
            "ontbrekende_kolommen": ontbrekend,
            "rijen": rijen,
            "md5": md5,
        }
    return uitkomst


def bronnen(conn: psycopg.Connection, kolommen: dict[str, list[str]]) -> dict[str, str]:
    """Per citing table: md5 of (id, document, paragraph, note), read the same way before and
    after the migration that turned ``bron`` into a document with its paragraph."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from kern.bronnen import uit_oude_verwijzing  # plain Python, no Django

    uitkomst = {}
    for tabel in sorted(BRONTABELLEN & kolommen.keys()):
        if "brondocument_id" in kolommen[tabel]:
            rijen = conn.execute(
                sql.SQL(
                    "SELECT t.id, coalesce(d.code, ''), t.paragraaf, t.bron FROM {} t "
                    "LEFT JOIN organisaties_brondocument d ON d.id = t.brondocument_id"
                ).format(sql.Identifier("public", tabel))
            ).fetchall()
        else:
            rijen = []
            for id_, tekst in conn.execute(
                sql.SQL("SELECT id, bron FROM {}").format(sql.Identifier("public", tabel))
            ):
                v = uit_oude_verwijzing(tekst)
                if v is None:
                    rijen.append((id_, "", "", tekst))
                else:
                    rijen.append((id_, v.document.code, v.paragraaf, v.toelichting))
        tekst = json.dumps(sorted(list(r) for r in rijen), ensure_ascii=False)
        uitkomst[tabel] = hashlib.md5(tekst.encode(), usedforsecurity=False).hexdigest()
    return uitkomst


def omgezette_historie(conn: psycopg.Connection, kolommen: dict[str, list[str]]) -> int:
    """History rows the bron migration wrote (with its reason), over all history tables."""
    totaal = 0
    for tabel, k in kolommen.items():
        if "history_change_reason" in k:
            totaal += conn.execute(
                sql.SQL("SELECT count(*) FROM {} WHERE history_change_reason = %s").format(
                    sql.Identifier("public", tabel)
                ),
                (BRON_OMGEZET,),
            ).fetchone()[0]
    return totaal


def gemeentecodes(conn: psycopg.Connection, tabel: str = GEMEENTE_TABEL) -> list[str]:
    query = sql.SQL("SELECT cbs_code FROM {} ORDER BY cbs_code").format(sql.Identifier(tabel))
    return [cbs for (cbs,) in conn.execute(query)]


def command_uitvoer(code: Path, codes: list[str], peildatum: str, uit: Path) -> dict:
    subprocess.run(  # noqa: S603 - our own interpreter and snippet
        [sys.executable, "-c", DJANGO_UITVOER, str(uit), peildatum, *codes],
        cwd=code,
        check=True,
    )
    return json.loads(uit.read_text(encoding="utf-8"))


def vingerafdruk(
    code: Path, db: str, uit: Path, kolommen_van: dict | None, peildatum: str, gemeente_tabel: str
) -> dict:
    # Commands first, tables last: the table fingerprints on both sides of `migrate` are then
    # taken with nothing in between, and a command that writes shows up when the old code's
    # two fingerprints are compared.
    with psycopg.connect(db) as conn:
        codes = gemeentecodes(conn, gemeente_tabel)
    uitvoer = command_uitvoer(code, codes, peildatum, uit.with_suffix(".commands.json"))
    with psycopg.connect(db) as conn:
        tabeldata = tabellen(conn, kolommen_van)
        kolommen = {t: d["kolommen"] for t, d in tabeldata.items()}
        omzettingen = {
            "bronnen": bronnen(conn, kolommen),
            "historie": omgezette_historie(conn, kolommen),
        }
    afdruk = {"peildatum": peildatum, "tabellen": tabeldata, "omzettingen": omzettingen, **uitvoer}
    uit.write_text(json.dumps(afdruk, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    return afdruk


# --- comparison --------------------------------------------------------------------------


def getal(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def vergelijk_tabellen(oud: dict, nieuw: dict) -> tuple[list[str], list[str]]:
    """(failures, notes) for the tables of two fingerprints."""
    fouten, meldingen = [], []
    for tabel in sorted(oud.keys() - NIET_VERGELEKEN):
        o = oud[tabel]
        n = nieuw.get(tabel)
        if n is None:
            fouten.append(f"tabel {tabel}: verdwenen ({getal(o['rijen'])} rijen)")
            continue
        if tabel in ALLEEN_GEMELD:
            if o["rijen"] != n["rijen"]:
                meldingen.append(f"{tabel}: {getal(o['rijen'])} → {getal(n['rijen'])} rijen")
            continue
        if n["ontbrekende_kolommen"]:
            fouten.append(
                f"tabel {tabel}: kolommen verdwenen: {', '.join(n['ontbrekende_kolommen'])}"
            )
        if o["rijen"] != n["rijen"]:
            fouten.append(f"tabel {tabel}: {getal(o['rijen'])} → {getal(n['rijen'])} rijen")
        elif o["md5"] != n["md5"]:
            fouten.append(
                f"tabel {tabel}: zelfde aantal rijen ({getal(o['rijen'])}), andere inhoud"
            )
        nieuwe_kolommen = [k for k in n["kolommen"] if k not in o["kolommen"]]
        if nieuwe_kolommen:
            meldingen.append(f"tabel {tabel}: nieuwe kolommen {', '.join(nieuwe_kolommen)}")
    for tabel in sorted(nieuw.keys() - oud.keys() - NIET_VERGELEKEN):
        if nieuw[tabel]["rijen"] and tabel in GEVULDE_NIEUWE_TABELLEN:
            meldingen.append(
                f"tabel {tabel}: nieuw, met {getal(nieuw[tabel]['rijen'])} rijen "
                f"({GEVULDE_NIEUWE_TABELLEN[tabel]})"
            )
        elif nieuw[tabel]["rijen"]:
            fouten.append(f"tabel {tabel}: nieuw, met {getal(nieuw[tabel]['rijen'])} rijen")
        else:
            meldingen.append(f"tabel {tabel}: nieuw en leeg")
    return fouten, meldingen


def verschillen(oud, nieuw, pad: str = "") -> Iterator[str]:
    """Every place where two JSON values differ, as 'path: old → new'."""
    if isinstance(oud, dict) and isinstance(nieuw, dict):
        for sleutel in sorted(oud.keys() | nieuw.keys()):
            p = f"{pad}.{sleutel}" if pad else sleutel
            if sleutel not in nieuw:
                yield f"{p}: verdwenen"
            elif sleutel not in oud:
                yield f"{p}: nieuw ({json.dumps(nieuw[sleutel], ensure_ascii=False)[:80]})"
            else:
                yield from verschillen(oud[sleutel], nieuw[sleutel], p)
    elif isinstance(oud, list) and isinstance(nieuw, list) and len(oud) == len(nieuw):
        for i, (a, b) in enumerate(zip(oud, nieuw, strict=True)):
            yield from verschillen(a, b, f"{pad}[{i}]")
    elif oud != nieuw or type(oud) is not type(nieuw):
        a = json.dumps(oud, ensure_ascii=False)[:80]
        b = json.dumps(nieuw, ensure_ascii=False)[:80]
        yield f"{pad or '.'}: {a} → {b}"


def zonder(data, velden: frozenset):
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if k not in velden}
    return data


def vergelijk_uitvoer(oud: dict, nieuw: dict, *, herhaling: bool) -> tuple[list[str], list[str]]:
    """(failures, notes) for the stand and prognose JSON of every gemeente."""
    fouten, meldingen = [], []
    codes_oud, codes_nieuw = set(oud), set(nieuw)
    for cbs in sorted(codes_oud - codes_nieuw):
        fouten.append(f"gemeente {cbs}: verdwenen")
    for cbs in sorted(codes_nieuw - codes_oud):
        fouten.append(f"gemeente {cbs}: nieuw")
    versies = set()
    nieuwe_velden: set[str] = set()
    for cbs in sorted(codes_oud & codes_nieuw):
        for opdracht, genegeerd in GENEGEERD.items():
            a, b = oud[cbs][opdracht], nieuw[cbs][opdracht]
            if not herhaling:
                if opdracht == "prognose" and "engine_versie" in a and "engine_versie" in b:
                    versies.add((a["engine_versie"], b["engine_versie"]))
                a, b = zonder(a, genegeerd), zonder(b, genegeerd)
            lijst = list(verschillen(a, b))
            if not herhaling:
                # A field the new code adds (information the old code did not give) is noted,
                # like a new column; a field that changed or disappeared is a failure.
                nieuw_veld = [v for v in lijst if ": nieuw (" in v]
                lijst = [v for v in lijst if ": nieuw (" not in v]
                for v in nieuw_veld:
                    veld = re.sub(r"\[\d+\]", "[]", v.split(": nieuw (")[0])
                    nieuwe_velden.add(f"{opdracht}: {veld}")
            for v in lijst[:MAX_VERSCHILLEN_PER_UITVOER]:
                fouten.append(f"{opdracht} {cbs}: {v}")
            if len(lijst) > MAX_VERSCHILLEN_PER_UITVOER:
                meer = len(lijst) - MAX_VERSCHILLEN_PER_UITVOER
                fouten.append(f"{opdracht} {cbs}: … en nog {meer} verschillen")
    for veld in sorted(nieuwe_velden):
        meldingen.append(f"nieuw veld in de uitvoer (vergeleken zonder): {veld}")
    for o, n in sorted(versies):
        if o != n:
            meldingen.append(
                f"engine_versie {o} → {n} (niet vergeleken): opgeslagen snapshots worden na de "
                "upgrade één keer opnieuw berekend"
            )
    return fouten, meldingen


def vergelijk_omzettingen(oud: dict, nieuw: dict) -> tuple[list[str], list[str]]:
    """(failures, notes) for the declared data migrations (missing in old fingerprints)."""
    fouten, meldingen = [], []
    bron_oud, bron_nieuw = oud.get("bronnen", {}), nieuw.get("bronnen", {})
    for tabel in sorted(bron_oud.keys() | bron_nieuw.keys()):
        if bron_oud.get(tabel) != bron_nieuw.get(tabel):
            fouten.append(
                f"tabel {tabel}: een bron betekent na de omzetting iets anders "
                "(document, paragraaf of toelichting)"
            )
    extra = nieuw.get("historie", 0) - oud.get("historie", 0)
    if extra:
        meldingen.append(
            f"{getal(extra)} historierijen met de reden van de omzetting van bronnen "
            "(vergeleken zonder)"
        )
    return fouten, meldingen


def vergelijk(oud: dict, nieuw: dict, *, herhaling: bool = False) -> tuple[list[str], list[str]]:
    fouten, meldingen = vergelijk_tabellen(oud["tabellen"], nieuw["tabellen"])
    f, m = vergelijk_omzettingen(oud.get("omzettingen", {}), nieuw.get("omzettingen", {}))
    fouten += f
    meldingen += m
    f, m = vergelijk_uitvoer(oud["gemeenten"], nieuw["gemeenten"], herhaling=herhaling)
    fouten += f
    meldingen += m
    verouderd = nieuw["contenttypes"]["verouderd"]
    if verouderd:
        meldingen.append(
            f"{len(verouderd)} verouderde content types ({', '.join(verouderd)}) met "
            f"{nieuw['contenttypes']['permissies_op_verouderd']} permissies"
        )
    return fouten, meldingen


def samenvatting(oud: dict, *, herhaling: bool) -> str:
    """One line; tables and rows count only what was compared row for row."""
    overgeslagen = NIET_VERGELEKEN | ALLEEN_GEMELD
    vergeleken = {t: d for t, d in oud["tabellen"].items() if t not in overgeslagen}
    rijen = sum(d["rijen"] for d in vergeleken.values())
    wat = "twee keer dezelfde uitkomst met de oude code" if herhaling else "geslaagd"
    return (
        f"Upgrade-proef {wat}: {len(vergeleken)} tabellen, {getal(rijen)} rijen, "
        f"{len(oud['gemeenten'])} gemeenten: stand en prognose gelijk"
    )


# --- command line ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="opdracht", required=True)
    v = sub.add_parser("vingerafdruk", help="tabellen en stand/prognose van één database")
    v.add_argument("--code", type=Path, required=True, help="codeboom met manage.py")
    v.add_argument("--db", default=os.environ.get("DATABASE_URL"), help="postgres://…")
    v.add_argument("--uit", type=Path, required=True)
    v.add_argument("--kolommen-van", type=Path, help="eerdere vingerafdruk (oude kolommen)")
    v.add_argument("--peildatum", default=PEILDATUM)
    v.add_argument("--gemeente-tabel", default=GEMEENTE_TABEL)
    c = sub.add_parser("vergelijk", help="twee vingerafdrukken; exit 1 bij een verschil")
    c.add_argument("oud", type=Path)
    c.add_argument("nieuw", type=Path)
    c.add_argument("--herhaling", action="store_true", help="twee keer dezelfde code")
    args = parser.parse_args(argv)

    if args.opdracht == "vingerafdruk":
        if not args.db:
            parser.error("geef --db of DATABASE_URL")
        kolommen_van = None
        if args.kolommen_van:
            kolommen_van = json.loads(args.kolommen_van.read_text("utf-8"))["tabellen"]
        vingerafdruk(
            args.code, args.db, args.uit, kolommen_van, args.peildatum, args.gemeente_tabel
        )
        return 0

    oud = json.loads(args.oud.read_text("utf-8"))
    nieuw = json.loads(args.nieuw.read_text("utf-8"))
    fouten, meldingen = vergelijk(oud, nieuw, herhaling=args.herhaling)
    for m in meldingen:
        print(f"  let op: {m}")
    if fouten:
        for f in fouten:
            print(f"  VERSCHIL {f}", file=sys.stderr)
        soort = "herhaling met de oude code" if args.herhaling else "upgrade"
        print(f"Upgrade-proef MISLUKT ({soort}): {len(fouten)} verschillen", file=sys.stderr)
        return 1
    print(samenvatting(oud, herhaling=args.herhaling))
    return 0


if __name__ == "__main__":
    sys.exit(main())
