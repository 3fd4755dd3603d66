"""Supply per corporatie, allocation agreements, and the action plan with its monthly planning."""

from decimal import Decimal
from fractions import Fraction

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from organisaties.historie import historie
from organisaties.models import Corporatie, Gemeente, bronvelden
from taakstelling.models import Bron

_BEZETTING = {
    "max_digits": 4,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0.01"))],
}


class Aanbod(models.Model):
    """Social rental dwellings of one corporatie that came free in one gemeente in a month (R9)."""

    corporatie = models.ForeignKey(Corporatie, on_delete=models.PROTECT, related_name="aanbod")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="aanbod")
    maand = models.DateField(help_text="Eerste dag van de maand.")
    mutaties = models.PositiveIntegerField(help_text="Vrijgekomen sociale huurwoningen.")
    ongeschikt_label = models.PositiveIntegerField(help_text="Ongeschikt voor VH: label.")
    ongeschikt_huur = models.PositiveIntegerField(help_text="Ongeschikt voor VH: huurprijs.")
    ongeschikt_grootte = models.PositiveIntegerField(help_text="Ongeschikt voor VH: grootte.")
    toegewezen_urgenten = models.PositiveIntegerField()
    toegewezen_vh = models.PositiveIntegerField(help_text="Waarvan aan vergunninghouders.")
    illustratief = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "maand", "corporatie__naam"]
        verbose_name_plural = "aanbod"
        constraints = [
            models.UniqueConstraint(
                fields=["corporatie", "gemeente", "maand"], name="aanbod_per_maand"
            ),
            models.CheckConstraint(condition=Q(maand__day=1), name="aanbod_eerste_dag"),
            models.CheckConstraint(
                condition=Q(
                    mutaties__gte=F("ongeschikt_label")
                    + F("ongeschikt_huur")
                    + F("ongeschikt_grootte")
                ),
                name="aanbod_ongeschikt_max_mutaties",
            ),
            models.CheckConstraint(
                condition=Q(toegewezen_urgenten__lte=F("mutaties")),
                name="aanbod_urgenten_max_mutaties",
            ),
            models.CheckConstraint(
                condition=Q(toegewezen_vh__lte=F("toegewezen_urgenten")),
                name="aanbod_vh_max_urgenten",
            ),
            models.CheckConstraint(
                condition=Q(
                    toegewezen_vh__lte=F("mutaties")
                    - F("ongeschikt_label")
                    - F("ongeschikt_huur")
                    - F("ongeschikt_grootte")
                ),
                name="aanbod_vh_max_geschikt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.corporatie} in {self.gemeente} {self.maand:%Y-%m}: {self.mutaties}"

    @property
    def ongeschikt(self) -> int:
        return self.ongeschikt_label + self.ongeschikt_huur + self.ongeschikt_grootte


class Verdeelafspraak(models.Model):
    """A share with validity dates (R9): to urgenten, to VH of urgenten, or a cap to VH."""

    class Soort(models.TextChoices):
        AANDEEL_URGENTEN = "aandeel_urgenten", "Aandeel mutaties naar urgenten"
        AANDEEL_VH = "aandeel_vh", "Aandeel urgente toewijzingen naar VH"
        PLAFOND_VH = "plafond_vh", "Plafond aandeel mutaties naar VH (prestatieafspraak)"

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="verdeelafspraken"
    )
    corporatie = models.ForeignKey(
        Corporatie,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Leeg: geldt voor alle corporaties in de gemeente.",
    )
    soort = models.CharField(max_length=20, choices=Soort.choices)
    teller = models.PositiveIntegerField()
    noemer = models.PositiveIntegerField(default=100, help_text="40% is 40/100; twee derde 2/3.")
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True, help_text="Exclusief.")
    bron = models.CharField(max_length=200, blank=True, verbose_name="toelichting bij de bron")
    brondocument, paragraaf = bronvelden()
    illustratief = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "soort", "geldig_vanaf"]
        verbose_name_plural = "verdeelafspraken"
        constraints = [
            models.CheckConstraint(condition=Q(noemer__gt=0), name="verdeelafspraak_noemer"),
            models.CheckConstraint(
                condition=Q(teller__lte=F("noemer")), name="verdeelafspraak_max_honderd_procent"
            ),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=F("geldig_vanaf")),
                name="verdeelafspraak_geldigheid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.get_soort_display()}: {self.teller}/{self.noemer}"

    @property
    def waarde(self) -> Fraction:
        return Fraction(self.teller, self.noemer)


class Aanbodverwachting(models.Model):
    """Expected mutaties per month where no figures exist yet (seed 000 L61: about 90)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    corporatie = models.ForeignKey(Corporatie, on_delete=models.PROTECT, related_name="+")
    mutaties_per_maand = models.DecimalField(max_digits=7, decimal_places=2)
    geldig_vanaf = models.DateField()
    bron = models.CharField(max_length=200, blank=True, verbose_name="toelichting bij de bron")
    brondocument, paragraaf = bronvelden()
    illustratief = models.BooleanField(default=False)
    history = historie()

    class Meta:
        ordering = ["gemeente", "corporatie", "geldig_vanaf"]
        verbose_name_plural = "aanbodverwachtingen"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "corporatie", "geldig_vanaf"], name="aanbodverwachting_uniek"
            ),
            models.CheckConstraint(
                condition=Q(mutaties_per_maand__gte=0), name="aanbodverwachting_niet_negatief"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.corporatie} in {self.gemeente}: {self.mutaties_per_maand}/maand"


class ActieType(models.Model):
    """The catalogue of measures (seed 000 §3 plus doorstroomlocatie and kamerverhuur)."""

    code = models.CharField(max_length=40, primary_key=True)
    naam = models.CharField(max_length=150)
    bron = models.ForeignKey(
        Bron,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="De realisatiebron waarin het resultaat van deze actie terechtkomt.",
    )
    via_corporatie_aanbod = models.BooleanField(
        default=False, help_text="Put uit vrijkomende corporatiewoningen (capaciteit, R9)."
    )
    volgorde = models.PositiveSmallIntegerField(default=0)
    omschrijving = models.TextField(blank=True)
    history = historie()

    class Meta:
        ordering = ["volgorde", "code"]
        verbose_name = "actietype"
        verbose_name_plural = "actietypen"

    def __str__(self) -> str:
        return self.naam


class Actieplan(models.Model):
    """A gemeente's plan of approach for a period, with the bezetting it plans with (R8)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="actieplannen")
    naam = models.CharField(max_length=200)
    geldig_vanaf = models.DateField()
    geldig_tot = models.DateField(help_text="Laatste dag van de planperiode.")
    bezetting = models.DecimalField(
        **_BEZETTING, default=Decimal("2.2"), help_text="Personen per woning."
    )
    bron = models.CharField(max_length=200, blank=True, verbose_name="toelichting bij de bron")
    brondocument, paragraaf = bronvelden()
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "-geldig_vanaf"]
        verbose_name_plural = "actieplannen"
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__gte=F("geldig_vanaf")), name="actieplan_periode"
            ),
            models.CheckConstraint(condition=Q(bezetting__gt=0), name="actieplan_bezetting"),
            # The start date is the plan's key in its URL (/gemeenten/<cbs>/plan/<vanaf>/).
            models.UniqueConstraint(
                fields=["gemeente", "geldig_vanaf"], name="actieplan_per_startdatum"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.naam}"


class Actie(models.Model):
    class Status(models.TextChoices):
        VOORBEREIDING = "voorbereiding", "In voorbereiding"
        UITVOERING = "uitvoering", "In uitvoering"
        GEREALISEERD = "gerealiseerd", "Gerealiseerd"
        GEEN_RESULTAAT = "geen_resultaat", "Geen resultaat in deze periode"
        GESTOPT = "gestopt", "Gestopt"

    actieplan = models.ForeignKey(Actieplan, on_delete=models.CASCADE, related_name="acties")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, editable=False)
    type = models.ForeignKey(ActieType, on_delete=models.PROTECT)
    eigenaar_corporatie = models.ForeignKey(
        Corporatie,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Leeg: de gemeente is eigenaar.",
    )
    omschrijving = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UITVOERING)
    bezetting = models.DecimalField(
        **_BEZETTING, null=True, blank=True, help_text="Leeg: de bezetting van het plan."
    )
    resultaat_toelichting = models.CharField(
        max_length=200, blank=True, help_text="Bijvoorbeeld 'Geen in 2023'."
    )
    volgorde = models.PositiveSmallIntegerField(default=0)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["actieplan", "volgorde", "type__volgorde"]
        verbose_name_plural = "acties"
        constraints = [
            models.UniqueConstraint(fields=["actieplan", "type"], name="actie_type_per_plan"),
            models.CheckConstraint(
                condition=Q(bezetting__isnull=True) | Q(bezetting__gt=0), name="actie_bezetting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.type}"

    @property
    def eigenaar(self) -> str:
        return self.eigenaar_corporatie.naam if self.eigenaar_corporatie_id else "Gemeente"

    @property
    def geldende_bezetting(self) -> Decimal:
        return self.bezetting if self.bezetting is not None else self.actieplan.bezetting


class Planning(models.Model):
    """Planned dwellings of one action in one month, or pm (listed, never summed)."""

    actie = models.ForeignKey(Actie, on_delete=models.CASCADE, related_name="planning")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, editable=False)
    maand = models.DateField(help_text="Eerste dag van de maand.")
    woningen = models.PositiveIntegerField(null=True, blank=True)
    pm = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["actie", "maand"]
        verbose_name = "planning"
        verbose_name_plural = "planning"
        constraints = [
            models.UniqueConstraint(fields=["actie", "maand"], name="planning_per_maand"),
            models.CheckConstraint(condition=Q(maand__day=1), name="planning_eerste_dag"),
            models.CheckConstraint(
                condition=Q(pm=True, woningen__isnull=True) | Q(pm=False, woningen__isnull=False),
                name="planning_pm_of_aantal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actie} {self.maand:%Y-%m}: {'pm' if self.pm else self.woningen}"
