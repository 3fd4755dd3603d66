"""Quota, milestones, IBT status and realisation: the figures a gemeente is held to."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from kern.perioden import Halfjaar, Maand
from organisaties.historie import historie
from organisaties.models import Corporatie, Gemeente, Provincie, bronvelden


class Bron(models.Model):
    """Where a realisation comes from (the source codes of R4). Reference data."""

    code = models.CharField(max_length=30, primary_key=True)
    naam = models.CharField(max_length=100)
    gebruikt_woning = models.BooleanField(
        default=True, help_text="Nee voor HAR-instroom: een hotel of vakantiewoning."
    )
    vereist_corporatie = models.BooleanField(default=False)
    volgorde = models.PositiveSmallIntegerField(default=0)
    history = historie()

    class Meta:
        ordering = ["volgorde", "code"]
        verbose_name_plural = "bronnen"

    def __str__(self) -> str:
        return self.naam


class Telregel(models.Model):
    """Whether persons from a source count for the quota, nationally or in one province."""

    bron = models.ForeignKey(Bron, on_delete=models.PROTECT, related_name="telregels")
    provincie = models.ForeignKey(
        Provincie,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="Leeg: landelijke regel.",
    )
    telt_mee = models.BooleanField()
    geldig_vanaf = models.DateField(default="1900-01-01")
    geldig_tot = models.DateField(null=True, blank=True, help_text="Exclusief.")
    toelichting = models.TextField(blank=True)
    history = historie()

    class Meta:
        ordering = ["bron", "provincie", "geldig_vanaf"]
        verbose_name_plural = "telregels"
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=F("geldig_vanaf")),
                name="telregel_geldigheid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.bron}: {'telt mee' if self.telt_mee else 'telt niet mee'}"


class Taakstelling(models.Model):
    """The legal quota of one gemeente for one half-year, in persons (R2)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="taakstellingen")
    jaar = models.PositiveSmallIntegerField()
    helft = models.PositiveSmallIntegerField(choices=[(1, "H1 (jan-jun)"), (2, "H2 (jul-dec)")])
    aantal = models.PositiveIntegerField(help_text="Personen, zoals oorspronkelijk vastgesteld.")
    bron = models.CharField(max_length=200, blank=True, verbose_name="toelichting bij de bron")
    brondocument, paragraaf = bronvelden()
    illustratief = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "jaar", "helft"]
        verbose_name_plural = "taakstellingen"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "jaar", "helft"], name="taakstelling_per_halfjaar"
            ),
            models.CheckConstraint(condition=Q(helft__in=[1, 2]), name="taakstelling_helft"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.halfjaar}: {self.aantal}"

    @property
    def halfjaar(self) -> Halfjaar:
        return Halfjaar(self.jaar, self.helft)


class Bijstelling(models.Model):
    """A revision of a quota (Almere's H2 2023 was raised mid-year); the latest one holds."""

    taakstelling = models.ForeignKey(
        Taakstelling, on_delete=models.CASCADE, related_name="bijstellingen"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, editable=False)
    datum = models.DateField()
    aantal = models.PositiveIntegerField(help_text="Het nieuwe aantal personen.")
    reden = models.TextField()
    history = historie()

    class Meta:
        ordering = ["taakstelling", "datum"]
        verbose_name_plural = "bijstellingen"
        constraints = [
            models.UniqueConstraint(fields=["taakstelling", "datum"], name="bijstelling_per_dag"),
            models.CheckConstraint(condition=~Q(reden=""), name="bijstelling_reden_verplicht"),
        ]

    def __str__(self) -> str:
        return f"{self.taakstelling.halfjaar} per {self.datum}: {self.aantal}"


class Openingssaldo(models.Model):
    """The saldo brought into the first half-year the product tracks (seed 000: -32 from 2022)."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.PROTECT, related_name="openingssaldo"
    )
    jaar = models.PositiveSmallIntegerField()
    helft = models.PositiveSmallIntegerField(choices=[(1, "H1"), (2, "H2")])
    saldo = models.IntegerField(help_text="Negatief: achterstand; positief: voorsprong.")
    bron = models.CharField(max_length=200, blank=True, verbose_name="toelichting bij de bron")
    brondocument, paragraaf = bronvelden()
    illustratief = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        verbose_name_plural = "openingssaldi"

    def __str__(self) -> str:
        return f"{self.gemeente} vóór {self.halfjaar}: {self.saldo}"

    @property
    def halfjaar(self) -> Halfjaar:
        return Halfjaar(self.jaar, self.helft)


class Mijlpaal(models.Model):
    """A dated cumulative target in persons, set by the province (R5)."""

    class GezetDoor(models.TextChoices):
        PROVINCIE = "provincie", "Provincie"
        GEMEENTE = "gemeente", "Gemeente (eigen doel)"

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="mijlpalen")
    datum = models.DateField()
    doel = models.PositiveIntegerField(help_text="Cumulatief aantal personen sinds de startdatum.")
    startdatum = models.DateField()
    gezet_door = models.CharField(max_length=20, choices=GezetDoor.choices)
    omschrijving = models.CharField(max_length=200, blank=True)
    bron = models.CharField(max_length=200, blank=True, verbose_name="toelichting bij de bron")
    brondocument, paragraaf = bronvelden()
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "datum"]
        verbose_name_plural = "mijlpalen"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "datum"], name="mijlpaal_per_datum"),
            models.CheckConstraint(
                condition=Q(startdatum__lte=F("datum")), name="mijlpaal_start_voor_datum"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.doel} per {self.datum}"


class Trede(models.Model):
    """A step of a province's interventieladder with its colour (the province's data)."""

    class Kleur(models.TextChoices):
        GROEN = "groen", "Groen"
        ORANJE = "oranje", "Oranje"
        ROOD = "rood", "Rood"

    provincie = models.ForeignKey(Provincie, on_delete=models.CASCADE, related_name="treden")
    nummer = models.PositiveSmallIntegerField()
    naam = models.CharField(max_length=100)
    kleur = models.CharField(max_length=10, choices=Kleur.choices)
    omschrijving = models.TextField(blank=True)
    history = historie()

    class Meta:
        ordering = ["provincie", "nummer"]
        verbose_name_plural = "treden"
        constraints = [
            models.UniqueConstraint(fields=["provincie", "nummer"], name="trede_per_provincie")
        ]

    def __str__(self) -> str:
        return f"Trede {self.nummer}: {self.naam}"


class IbtStatus(models.Model):
    """The IBT step of a gemeente from a date: history as rows, the newest is current (R12)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="ibt_statussen")
    trede = models.ForeignKey(Trede, on_delete=models.PROTECT)
    sinds = models.DateField()
    reden = models.TextField()
    verschoonbaar = models.BooleanField(default=False)
    verschoonbaar_grond = models.TextField(blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgesteld_op = models.DateTimeField(auto_now_add=True)
    bron = models.CharField(max_length=200, blank=True, verbose_name="toelichting bij de bron")
    brondocument, paragraaf = bronvelden()
    history = historie()

    class Meta:
        ordering = ["gemeente", "-sinds", "-vastgesteld_op"]
        verbose_name = "IBT-status"
        verbose_name_plural = "IBT-statussen"
        constraints = [
            models.CheckConstraint(condition=~Q(reden=""), name="ibt_reden_verplicht"),
            models.CheckConstraint(
                condition=Q(verschoonbaar=False) | ~Q(verschoonbaar_grond=""),
                name="ibt_verschoonbaar_met_grond",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: trede {self.trede.nummer} sinds {self.sinds}"


class Maandrapportage(models.Model):
    """That a gemeente entered a month at all: a month without one is missing, not zero."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="maandrapportages"
    )
    maand = models.DateField(help_text="Eerste dag van de maand.")
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "maand"]
        verbose_name_plural = "maandrapportages"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "maand"], name="maandrapportage_uniek"),
            models.CheckConstraint(condition=Q(maand__day=1), name="maandrapportage_eerste_dag"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.maand:%Y-%m}"

    @property
    def maand_waarde(self) -> Maand:
        return Maand.van(self.maand)


class Realisatie(models.Model):
    """Persons housed in one month through one source (R4), with the dwellings they used."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="realisaties")
    maand = models.DateField(help_text="Eerste dag van de maand.")
    bron = models.ForeignKey(Bron, on_delete=models.PROTECT)
    corporatie = models.ForeignKey(
        Corporatie,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Alleen bij regulier: de corporatie die de woning toewees.",
    )
    personen_gehuisvest = models.PositiveIntegerField()
    personen_tellend = models.PositiveIntegerField()
    woningen = models.PositiveIntegerField()
    opmerking = models.CharField(max_length=300, blank=True)
    illustratief = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "maand", "bron__volgorde", "corporatie__naam"]
        verbose_name_plural = "realisaties"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "maand", "bron"],
                condition=Q(corporatie__isnull=True),
                name="realisatie_uniek_zonder_corporatie",
            ),
            models.UniqueConstraint(
                fields=["gemeente", "maand", "bron", "corporatie"],
                condition=Q(corporatie__isnull=False),
                name="realisatie_uniek_per_corporatie",
            ),
            models.CheckConstraint(
                condition=Q(personen_tellend__lte=F("personen_gehuisvest")),
                name="realisatie_tellend_max_gehuisvest",
            ),
            models.CheckConstraint(condition=Q(maand__day=1), name="realisatie_eerste_dag"),
            models.CheckConstraint(
                condition=Q(bron="regulier", corporatie__isnull=False)
                | (~Q(bron="regulier") & Q(corporatie__isnull=True)),
                name="realisatie_corporatie_alleen_bij_regulier",
            ),
        ]
        indexes = [models.Index(fields=["gemeente", "maand"], name="realisatie_gemeente_maand")]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.maand:%Y-%m} {self.bron_id}: {self.personen_tellend}"


class Koppeling(models.Model):
    """Persons COA linked to the gemeente in a month; feeds the verschoonbaar check (R11)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="koppelingen")
    maand = models.DateField(help_text="Eerste dag van de maand.")
    personen = models.PositiveIntegerField()
    illustratief = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "maand"]
        verbose_name_plural = "koppelingen"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "maand"], name="koppeling_per_maand"),
            models.CheckConstraint(condition=Q(maand__day=1), name="koppeling_eerste_dag"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.maand:%Y-%m}: {self.personen} gekoppeld"


class AmvCohort(models.Model):
    """AMV'ers housed in the gemeente, counted per birth month (no names, no V-numbers).

    The gemeente stays responsible for their outflow when they turn 21 (seed 000 r. 132);
    R11 flags a cohort reaching 21.
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="amv_cohorten")
    geboortemaand = models.DateField(help_text="Eerste dag van de geboortemaand.")
    gehuisvest_in = models.DateField(help_text="Eerste dag van de maand van huisvesting.")
    aantal = models.PositiveIntegerField()
    illustratief = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "geboortemaand"]
        verbose_name = "AMV-cohort"
        verbose_name_plural = "AMV-cohorten"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "geboortemaand", "gehuisvest_in"], name="amv_cohort_uniek"
            ),
            models.CheckConstraint(condition=Q(geboortemaand__day=1), name="amv_geboortemaand"),
            models.CheckConstraint(condition=Q(gehuisvest_in__day=1), name="amv_gehuisvest_in"),
            models.CheckConstraint(
                condition=Q(geboortemaand__lt=F("gehuisvest_in")),
                name="amv_geboren_voor_huisvesting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.aantal} AMV geboren {self.geboortemaand:%Y-%m}"


class ImportVoorstel(models.Model):
    """An uploaded file waiting between its preview and the confirmation (at most
    ``GELDIG`` long). Not a figure, so no history: it is deleted when confirmed, replaced by
    the same user's next upload for the gemeente, or cleaned up once expired. Only the user
    who uploaded it can confirm it (``token`` plus ``door``)."""

    GELDIG = timedelta(hours=1)

    token = models.CharField(max_length=64, unique=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    bestandsnaam = models.CharField(max_length=200)
    inhoud = models.BinaryField(help_text="Het bestand, met zlib gecomprimeerd.")
    aangemaakt = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "importvoorstel"
        verbose_name_plural = "importvoorstellen"
        indexes = [models.Index(fields=["aangemaakt"], name="importvoorstel_aangemaakt")]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.gemeente}, {self.aangemaakt:%Y-%m-%d %H:%M})"

    @property
    def verlopen(self) -> bool:
        return self.aangemaakt < timezone.now() - self.GELDIG


class Invoerwijze(models.Model):
    """How a gemeente keeps a month's realisation: as typed totals (no row: the default) or
    derived from its households' moves (issue 14). One source of truth per month: in household
    mode the month page refuses typed totals, and the rows are written from the moves."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="invoerwijzen")
    maand = models.DateField(help_text="Eerste dag van de maand.")
    per_huishouden = models.BooleanField(default=True)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "maand"]
        verbose_name = "invoerwijze"
        verbose_name_plural = "invoerwijzen"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "maand"], name="invoerwijze_per_maand"),
            models.CheckConstraint(condition=Q(maand__day=1), name="invoerwijze_eerste_dag"),
        ]

    def __str__(self) -> str:
        wijze = "per huishouden" if self.per_huishouden else "totalen"
        return f"{self.gemeente} {self.maand:%Y-%m}: {wijze}"


# Official figures (issue 15) live in their own sub-package; imported here so Django registers
# them with this app.
from taakstelling.officieel.models import (  # noqa: E402, F401
    Bevolking,
    CoaHalfjaar,
    CoaMaand,
    Gemeentecode,
    LandelijkeTaakstelling,
    ProvincieInstelling,
    Uitruil,
)
