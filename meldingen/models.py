"""Notifications (issue 16): what happened (``Melding``, one row per user and event key) and
who wants to hear about what (``Abonnement``, per user per kind of event).

- ``Melding``: the unique constraint on (user, sleutel) makes every event reach a user at most
  once, whichever detector (the hook after a recompute, a beat task, a command run twice) sees
  it. The row is the in-app notification *and* the mail's bookkeeping: ``status`` goes
  nieuw → verzenden (claimed, committed before the SMTP conversation starts) → verzonden, so a
  worker that dies mid-send leaves a claimed row that nobody sends again (meldingen/verzenden.py).
- ``Abonnement``: a row only where the user chose something; without one, the default of the
  user's roles holds (meldingen/soorten.py).
- ``Oordeelstand``: the last verdict and probability per gemeente and milestone that the
  detector saw, read from the stored snapshots, so a worse verdict is found by comparison and
  never by recomputing.

Not figures: no history. A user's choices are theirs to change at any time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from organisaties.models import Gemeente


class Soort(models.TextChoices):
    OORDEEL_SLECHTER = "oordeel_slechter", "Het oordeel over een mijlpaal wordt slechter"
    OORDEEL_BETER = "oordeel_beter", "Het oordeel over een mijlpaal wordt beter"
    KANS_ONDER_DREMPEL = (
        "kans_onder_drempel",
        "De kans op het halen van een mijlpaal zakt onder uw drempel",
    )
    MAAND_ONTBREEKT = (
        "maand_ontbreekt",
        "Een maand is op de 10e van de volgende maand nog niet ingevuld",
    )
    HUISHOUDEN_NORM = "huishouden_norm", "Huishoudens zijn over de norm van 10 of 12 weken"
    TAAKSTELLING_BIJGESTELD = "taakstelling_bijgesteld", "Een taakstelling is bijgesteld"
    AMV_21 = "amv_21", "AMV'ers worden binnen drie maanden 21 jaar"
    HAR_ZES_MAANDEN = "har_zes_maanden", "Personen staan langer dan zes maanden in de HAR"
    PLAFOND_VH = (
        "plafond_vh",
        "Een corporatie wijst meer toe aan vergunninghouders dan het afgesproken plafond",
    )
    COA_VERSCHIL = (
        "coa_verschil",
        "De eigen telling wijkt meer dan de drempel af van die van het COA",
    )


class Wijze(models.TextChoices):
    UIT = "uit", "Uit"
    DIRECT = "direct", "Direct per e-mail"
    OVERZICHT = "overzicht", "In het periodieke overzicht"


class Status(models.TextChoices):
    NIEUW = "nieuw", "Nog te verzenden"
    VERZENDEN = "verzenden", "Wordt verzonden"
    VERZONDEN = "verzonden", "Verzonden"
    MISLUKT = "mislukt", "Verzenden mislukt"
    GEEN_MAIL = "geen_mail", "Alleen in de applicatie"


class Abonnement(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="abonnementen"
    )
    soort = models.CharField(max_length=40, choices=Soort.choices)
    wijze = models.CharField(max_length=20, choices=Wijze.choices)
    kansdrempel = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Alleen bij de kans: in procenten, 1 tot en met 99."
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "abonnementen"
        constraints = [
            models.UniqueConstraint(fields=["user", "soort"], name="abonnement_per_soort"),
            models.CheckConstraint(
                condition=Q(kansdrempel__isnull=True) | Q(kansdrempel__gte=1, kansdrempel__lte=99),
                name="abonnement_kansdrempel_procent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_soort_display()} ({self.get_wijze_display()})"


class Melding(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen"
    )
    sleutel = models.CharField(max_length=200, help_text="De vaste sleutel van de gebeurtenis.")
    soort = models.CharField(max_length=40, choices=Soort.choices)
    gemeente = models.ForeignKey(
        Gemeente, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    titel = models.CharField(max_length=200)
    tekst = models.TextField()
    link = models.CharField(max_length=300, help_text="De pagina die de melding uitlegt.")
    gegevens = models.JSONField(default=dict, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gelezen_op = models.DateTimeField(null=True, blank=True)
    wijze = models.CharField(max_length=20, choices=Wijze.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NIEUW)
    pogingen = models.PositiveSmallIntegerField(default=0)
    geclaimd_op = models.DateTimeField(null=True, blank=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "meldingen"
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "sleutel"], name="melding_per_gebeurtenis"),
            models.CheckConstraint(condition=~Q(wijze="uit"), name="melding_alleen_bij_abonnement"),
        ]
        indexes = [
            models.Index(fields=["user", "gelezen_op"], name="melding_ongelezen"),
            models.Index(fields=["status", "wijze"], name="melding_te_verzenden"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.titel}"


class Oordeelstand(models.Model):
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    mijlpaal = models.DateField()
    status = models.CharField(max_length=20)
    kans = models.FloatField(null=True, blank=True)
    snapshot_id = models.BigIntegerField(help_text="De snapshot waaruit deze stand is gelezen.")
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "oordeelstanden"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "mijlpaal"], name="oordeelstand_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.mijlpaal}: {self.status}"
