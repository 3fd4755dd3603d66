"""Taskforce meetings (overleg) and their decisions: the one thing the read side writes.

An ``Overleg`` freezes what the meeting saw (``Overlegstand``: the forecast at its peildatum);
``Besluit`` rows are the decisions, append-only with their history like every figure.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from organisaties.historie import historie
from organisaties.models import Gemeente


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
