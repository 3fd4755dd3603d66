"""Forecast snapshots, scenarios and the recompute bookkeeping.

- ``Scenario``: a named set of parameter overrides per gemeente, shared by the opgaveteam and
  shown to everyone who sees the gemeente. Audited with django-simple-history like a figure:
  the scenario the parties adopt as guideline ("intensief bemiddelen" in Almere's plan of
  approach) shapes what the province and the taskforce see, so who changed its parameters,
  when and why must be traceable.
- ``Snapshot``: the result of one computation (basis: ``scenario`` NULL) with the hash of its
  inputs, written by the Celery task. Derived data, recomputable at any time, so no history;
  rows are kept (what did we forecast in May?) and exactly one per gemeente and scenario is
  ``actueel``: the newest.
- ``Rekenstatus``: a counter per gemeente, raised in the same transaction as every change
  (``organisaties.herberekening.herberekening_aanvragen``). A snapshot records the counter it
  saw; when the counter has moved on since, a recompute is under way ("herberekening loopt").
  ``versie`` is raised with every change *and* every snapshot write (in the same transaction
  as either): the dashboards' cache key reads it in one query (rapportage/paginacache.py).

The models keep the tables they had when they lived in the ``rapportage`` app (``db_table``):
moving them needed no data migration (prognose/migrations/0001_initial.py).
"""

import json

from django.db import models
from django.db.models import Q

from organisaties.historie import historie
from organisaties.models import Gemeente, bronvelden
from prognose.rekenen.gegevens import prognose_uit_dict


class GroteJSON(models.JSONField):
    """A JSONField for large documents written in bulk (the snapshots, 10 KB each). Django
    5.2 inserts a batch on PostgreSQL as UNNEST of one array per column; psycopg then quotes
    every JSON text for the array literal with a regular expression per quote: 2.2 of 7.8 s
    of a national recompute. A placeholder of its own keeps this field out of that path (the
    batch becomes one VALUES list, each document a parameter of its own)."""

    def get_placeholder(self, value, compiler, connection):
        return "%s"

    def get_db_prep_value(self, value, connection, prepared=False):
        if isinstance(value, JSONTekst):  # serialised already (by a helper process)
            if connection.vendor == "postgresql":
                from psycopg.types.json import Jsonb

                return Jsonb(value, dumps=str)
            return str(value)
        return super().get_db_prep_value(value, connection, prepared)


class JSONTekst(str):
    """A JSON document serialised already: ``GroteJSON`` writes it as it is (the helper
    processes of a national recompute send their results as text, see
    ``prognose.rekenen.verdelen``)."""

    def als_dict(self) -> dict:
        return json.loads(self)


class Scenario(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="scenarios")
    naam = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60)
    omschrijving = models.TextField(blank=True)
    parameters = models.JSONField(
        default=dict, blank=True, help_text="Afwijkingen van de basis; leeg: zoals ingevoerd."
    )
    illustratief = models.BooleanField(default=False)
    bron = models.CharField(max_length=200, blank=True, verbose_name="toelichting bij de bron")
    brondocument, paragraaf = bronvelden()
    versie = models.PositiveIntegerField(default=1)
    history = historie(table_name="rapportage_historicalscenario")

    class Meta:
        db_table = "rapportage_scenario"  # the table from before the forecast had its own app
        ordering = ["gemeente", "naam"]
        verbose_name_plural = "scenario's"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "slug"], name="scenario_slug_per_gemeente"),
            # 'basis' is the figures as entered (a snapshot without scenario), not a row.
            models.CheckConstraint(condition=~Q(slug="basis"), name="scenario_niet_basis"),
            models.CheckConstraint(condition=~Q(slug=""), name="scenario_slug_verplicht"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.naam}"


class Snapshot(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    scenario = models.ForeignKey(
        Scenario, null=True, blank=True, on_delete=models.CASCADE, related_name="snapshots"
    )
    peildatum = models.DateField()
    invoer_hash = models.CharField(max_length=64)
    engine_versie = models.CharField(max_length=20)
    berekend_op = models.DateTimeField()
    wijziging = models.PositiveBigIntegerField(
        default=0, help_text="De stand van Rekenstatus.wijziging die deze berekening zag."
    )
    actueel = models.BooleanField(default=False)
    resultaat = GroteJSON()

    class Meta:
        db_table = "rapportage_snapshot"
        ordering = ["gemeente", "-berekend_op"]
        get_latest_by = "berekend_op"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "peildatum", "invoer_hash", "engine_versie"],
                condition=Q(scenario__isnull=True),
                name="snapshot_uniek_basis",
            ),
            models.UniqueConstraint(
                fields=["gemeente", "scenario", "peildatum", "invoer_hash", "engine_versie"],
                condition=Q(scenario__isnull=False),
                name="snapshot_uniek_scenario",
            ),
            models.UniqueConstraint(
                fields=["gemeente"],
                condition=Q(actueel=True, scenario__isnull=True),
                name="snapshot_een_actueel_basis",
            ),
            models.UniqueConstraint(
                fields=["gemeente", "scenario"],
                condition=Q(actueel=True, scenario__isnull=False),
                name="snapshot_een_actueel_scenario",
            ),
        ]
        indexes = [
            models.Index(fields=["gemeente", "actueel"], name="snapshot_actueel"),
            # The dashboards' cache key reads the newest computation time on every request
            # (rapportage/paginacache.py): an index keeps that one step as snapshots pile up.
            models.Index(fields=["berekend_op"], name="snapshot_berekend_op"),
        ]

    def __str__(self) -> str:
        wat = self.scenario.naam if self.scenario_id else "basis"
        return f"{self.gemeente} {wat} op {self.peildatum} ({self.berekend_op:%Y-%m-%d %H:%M})"

    def prognose(self):
        cached = getattr(self, "_prognose", None)
        if cached is None:
            resultaat = self.resultaat
            if isinstance(resultaat, JSONTekst):  # as written, before any read
                resultaat = resultaat.als_dict()
            cached = self._prognose = prognose_uit_dict(resultaat)
        return cached


class Rekenstatus(models.Model):
    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, primary_key=True, related_name="rekenstatus"
    )
    wijziging = models.PositiveBigIntegerField(default=0)
    gewijzigd_op = models.DateTimeField(null=True, blank=True)
    versie = models.PositiveBigIntegerField(
        default=0,
        help_text="Verhoogd bij elke wijziging én elke berekening: de sleutel van de "
        "dashboardcache (rapportage/paginacache.py).",
    )

    class Meta:
        db_table = "rapportage_rekenstatus"
        verbose_name_plural = "rekenstatussen"

    def __str__(self) -> str:
        return f"{self.gemeente}: wijziging {self.wijziging}"
