"""An import of 10,000 rows takes seconds, in a number of queries that does not grow per row.

Reproduce the timing (PostgreSQL): ``pytest tests/taakstelling/invoer/test_import_prestatie.py -s``.
"""

import time
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kern.perioden import Maand
from organisaties.models import Gemeente, Lidmaatschap, Rol, User, Werkgebied
from taakstelling.models import Bron, Maandrapportage, Realisatie
from taakstelling.services.importeren import KOLOMMEN, lees_bestand, realisatie_importeren

VANDAAG = date(2026, 6, 15)
AANTAL = 10_000


def _bestand() -> bytes:
    """10,000 valid rows over the seven demo gemeenten, month after month from 2013."""
    gemeenten = list(Gemeente.objects.order_by("cbs_code"))
    corporaties = {}
    for g_id, slug in Werkgebied.objects.values_list("gemeente_id", "corporatie__slug"):
        corporaties.setdefault(g_id, []).append(slug)
    bronnen = list(Bron.objects.order_by("volgorde"))
    regels = [",".join(KOLOMMEN)]
    maand = Maand(2013, 1)
    while len(regels) <= AANTAL:
        for g in gemeenten:
            for bron in bronnen:
                for slug in sorted(corporaties[g.pk]) if bron.vereist_corporatie else [""]:
                    n = 2 + len(regels) % 5
                    tellend = 0 if bron.code == "har_uitplaatsing" else n
                    woningen = 0 if not bron.gebruikt_woning else 1
                    regels.append(
                        f"{g.cbs_code},{maand},{bron.code},{slug},{n},{tellend},{woningen}"
                    )
        maand = maand.plus(1)
    return ("\n".join(regels[: AANTAL + 1]) + "\n").encode()


def test_ten_thousand_rows_import_in_seconds_with_a_fixed_number_of_queries(demo):
    gebruiker = User.objects.create(username="import-iedereen")
    for g in Gemeente.objects.all():
        Lidmaatschap.objects.create(user=gebruiker, rol=Rol.OPGAVETEAM, gemeente=g)
    inhoud = _bestand()

    def importeer():
        regels = lees_bestand("groot.csv", inhoud)
        return realisatie_importeren(
            regels=regels,
            door=gebruiker,
            bestandsnaam="groot.csv",
            reden="prestatietest",
            vandaag=VANDAAG,
        )

    voor = Realisatie.history.count()
    with CaptureQueriesContext(connection) as eerste:
        begin = time.perf_counter()
        plan = importeer()
        duur = time.perf_counter() - begin
    assert len(plan.regels) == AANTAL
    assert plan.aantallen["nieuw"] + plan.aantallen["gewijzigd"] > 9_000
    assert (
        Realisatie.history.count() - voor == plan.aantallen["nieuw"] + plan.aantallen["gewijzigd"]
    )
    assert Maandrapportage.objects.count() >= len(plan.nieuwe_maanden)

    with CaptureQueriesContext(connection) as tweede:
        begin = time.perf_counter()
        opnieuw = importeer()
        duur_opnieuw = time.perf_counter() - begin
    assert opnieuw.aantallen == {"nieuw": 0, "gewijzigd": 0, "ongewijzigd": AANTAL}

    print(
        f"\n{connection.vendor}: {AANTAL} regels importeren {duur:.2f} s "
        f"({len(eerste.captured_queries)} queries); opnieuw (niets gewijzigd) "
        f"{duur_opnieuw:.2f} s ({len(tweede.captured_queries)} queries)"
    )
    # Bulk statements in batches (2,000 rows on PostgreSQL; SQLite's limit on bound
    # parameters makes Django cut smaller ones): a handful per table, never one per row.
    assert len(eerste.captured_queries) < (80 if connection.vendor == "postgresql" else 400)
    assert len(tweede.captured_queries) < 20
    assert duur < 60 and duur_opnieuw < 30  # generous for slow CI machines; seconds locally
