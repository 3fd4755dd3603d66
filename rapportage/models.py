"""Forecast snapshots, scenarios and the recompute bookkeeping (issue 'Prognose').

- ``Scenario``: a named set of parameter overrides per gemeente, shared by the opgaveteam and
  shown to everyone who sees the gemeente. Audited with django-simple-history like a figure:
  the scenario the parties adopt as guideline ("intensief bemiddelen", seed 000 footnote 3)
  shapes what the province and the taskforce see, so who changed its parameters, when and
  why must be traceable.
- ``Snapshot``: the result of one computation (basis: ``scenario`` NULL) with the hash of its
  inputs, written by the Celery task. Derived data, recomputable at any time, so no history;
  rows are kept (what did we forecast in May?) and exactly one per gemeente and scenario is
  ``actueel``: the newest.
- ``Rekenstatus``: a counter per gemeente, raised in the same transaction as every change
  (``herberekening_aanvragen``). A snapshot records the counter it saw; when the counter has
  moved on since, a recompute is under way ("herberekening loopt").
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from organisaties.historie import historie
from organisaties.models import Gemeente


class Scenario(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="scenarios")
    naam = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60)
    omschrijving = models.TextField(blank=True)
    parameters = models.JSONField(
        default=dict, blank=True, help_text="Afwijkingen van de basis; leeg: zoals ingevoerd."
    )
    illustratief = models.BooleanField(default=False)
    bron = models.CharField(max_length=200, blank=True)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
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
    resultaat = models.JSONField()

    class Meta:
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
        from rapportage.prognose.gegevens import prognose_uit_dict

        cached = getattr(self, "_prognose", None)
        if cached is None:
            cached = self._prognose = prognose_uit_dict(self.resultaat)
        return cached


class Rekenstatus(models.Model):
    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, primary_key=True, related_name="rekenstatus"
    )
    wijziging = models.PositiveBigIntegerField(default=0)
    gewijzigd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "rekenstatussen"

    def __str__(self) -> str:
        return f"{self.gemeente}: wijziging {self.wijziging}"


# --- taskforce meetings (issue 'Rapportage' §3) --------------------------------------------


class Overleg(models.Model):
    """A taskforce meeting of one gemeente on a date. Recorded by the gemeente's opgaveteam
    (``Handeling.OVERLEG_VASTLEGGEN``); audited like a figure, because its decisions steer
    what the parties do. The forecast as discussed is frozen in ``Overlegstand``."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="overleggen")
    datum = models.DateField()
    omschrijving = models.CharField(max_length=200, blank=True)
    peildatum = models.DateField(help_text="De peildatum van de cijfers die het overleg besprak.")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "-datum"]
        verbose_name = "overleg"
        verbose_name_plural = "overleggen"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "datum"], name="overleg_per_datum"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: overleg {self.datum}"


class Overlegstand(models.Model):
    """The forecast as it stood when the meeting was recorded (``prognose_als_dict``), so the
    next meeting can say what changed since. Derived and written once: no history."""

    overleg = models.OneToOneField(Overleg, on_delete=models.CASCADE, related_name="stand")
    prognose = models.JSONField()

    class Meta:
        verbose_name = "stand bij overleg"
        verbose_name_plural = "standen bij overleg"

    def __str__(self) -> str:
        return f"stand bij {self.overleg}"


class Besluit(models.Model):
    """A decision of a meeting: what, who carries it out, by when; who recorded it and when."""

    overleg = models.ForeignKey(Overleg, on_delete=models.PROTECT, related_name="besluiten")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, editable=False)
    tekst = models.TextField()
    eigenaar = models.CharField(max_length=200, help_text="Wie het uitvoert.")
    deadline = models.DateField(null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["overleg", "vastgelegd_op", "pk"]
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"
        constraints = [
            models.CheckConstraint(condition=~Q(tekst=""), name="besluit_tekst_verplicht"),
            models.CheckConstraint(condition=~Q(eigenaar=""), name="besluit_eigenaar_verplicht"),
        ]

    def __str__(self) -> str:
        return f"{self.overleg}: {self.tekst[:40]}"

    @property
    def vastgelegd_door_naam(self) -> str:
        u = self.vastgelegd_door
        return "–" if u is None else (u.get_full_name() or u.username)
