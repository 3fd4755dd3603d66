"""Supply per corporatie, allocation agreements, and the action plan with its monthly planning."""

from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from kern import huishoudens as HH
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
    # Optional (issue 14 §9): of these, dwellings per month expected for VH, by size class of
    # the household that fits them. Empty: no split known.
    vh_1 = models.DecimalField(
        "VH 1 persoon", max_digits=6, decimal_places=2, null=True, blank=True
    )
    vh_2 = models.DecimalField(
        "VH 2 personen", max_digits=6, decimal_places=2, null=True, blank=True
    )
    vh_3_4 = models.DecimalField(
        "VH 3-4 personen", max_digits=6, decimal_places=2, null=True, blank=True
    )
    vh_5_plus = models.DecimalField(
        "VH 5+ personen", max_digits=6, decimal_places=2, null=True, blank=True
    )
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


# --- households (issue 14) -----------------------------------------------------------------------
# Personal data (AVG): a household is known only by a pseudonymous key (HMAC of COA's reference,
# kern.huishoudens.pseudoniem), its composition, needs and dates. No name, V-number, BSN or
# address. No simple_history here: the history tables are append-only forever, and households
# must be reduced to anonymous counts after the retention period (bemiddeling.tasks). Every change
# is a HuishoudenGebeurtenis row instead (who, when, what), deleted with the household.

_STATUSSEN = [(s.value, HH.STATUS_LABELS[s]) for s in HH.Status]
_ROUTES = list(HH.ROUTES.items())
_GROOTTEKLASSEN = list(HH.GROOTTEKLASSE_LABELS.items())


class Huishouden(models.Model):
    """A household COA linked to the gemeente, from koppeling to move (or drop-out)."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="huishoudens")
    sleutel = models.CharField(
        max_length=64, help_text="HMAC-SHA256 van de COA-referentie; nooit de referentie zelf."
    )
    koppeldatum = models.DateField()
    volwassenen = models.PositiveSmallIntegerField()
    kinderen = models.PositiveSmallIntegerField(default=0)
    nareizigers_verwacht = models.PositiveSmallIntegerField(default=0)
    nareizigers_maand = models.DateField(
        null=True, blank=True, help_text="Eerste dag van de maand waarin ze worden verwacht."
    )
    nareizigers_aangekomen = models.PositiveSmallIntegerField(default=0)
    behoeften = models.JSONField(default=list, blank=True)
    route = models.CharField(max_length=30, choices=_ROUTES, default="regulier")
    status = models.CharField(max_length=20, choices=_STATUSSEN, default="gekoppeld")
    status_sinds = models.DateField()
    corporatie = models.ForeignKey(
        Corporatie,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="huishoudens",
        help_text="De corporatie van het lopende of geaccepteerde aanbod.",
    )
    woning_grootteklasse = models.CharField(max_length=5, choices=_GROOTTEKLASSEN, blank=True)
    woning_huurklasse = models.CharField(max_length=20, blank=True)
    sleuteldatum = models.DateField(null=True, blank=True)
    einddatum = models.DateField(
        null=True,
        blank=True,
        help_text="Verhuisd of uitgevallen: vanaf hier loopt de bewaartermijn.",
    )
    illustratief = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["gemeente", "koppeldatum", "pk"]
        verbose_name_plural = "huishoudens"
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "sleutel"], name="huishouden_sleutel"),
            models.CheckConstraint(
                condition=Q(volwassenen__gt=0) | Q(kinderen__gt=0), name="huishouden_niet_leeg"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in HH.Status]), name="huishouden_status"
            ),
            models.CheckConstraint(
                condition=~Q(status="verhuisd") | Q(sleuteldatum__isnull=False),
                name="huishouden_verhuisd_met_sleuteldatum",
            ),
        ]
        indexes = [models.Index(fields=["gemeente", "status"], name="huishouden_status_idx")]

    def __str__(self) -> str:
        return f"Huishouden {self.sleutel[:8]} ({self.gemeente})"

    @property
    def grootte(self) -> int:
        return self.volwassenen + self.kinderen + self.nareizigers_aangekomen

    @property
    def grootte_met_nareizigers(self) -> int:
        return self.grootte + self.nareizigers_verwacht

    @property
    def grootteklasse(self) -> str:
        return HH.grootteklasse(self.grootte_met_nareizigers)

    @property
    def alle_behoeften(self) -> list[str]:
        return HH.behoeften(self.behoeften, self.grootte_met_nareizigers)

    @property
    def behoefte_labels(self) -> list[str]:
        return [HH.BEHOEFTEN[c] for c in self.alle_behoeften]

    @property
    def termijnen(self) -> HH.Termijnen:
        return HH.Termijnen.van(self.koppeldatum)

    @property
    def kort(self) -> str:
        """The first characters of the key: enough to tell households apart, and stable in a
        URL (unlike a row number). Still a pseudonym."""
        return self.sleutel[:12]


class HuishoudenGebeurtenis(models.Model):
    """One change of a household: a step of its status, or nareizigers arriving."""

    class Soort(models.TextChoices):
        AANGEMAAKT = "aangemaakt", "Gekoppeld en ingevoerd"
        AANBIEDEN = "aanbieden", "Woning aangeboden"
        WEIGEREN = "weigeren", "Aanbod geweigerd"
        TEKENEN = "tekenen", "Huurcontract getekend"
        VERHUIZEN = "verhuizen", "Verhuisd"
        UITVALLEN = "uitvallen", "Uitgevallen"
        NAREIZIGERS = "nareizigers", "Nareizigers aangekomen"
        GEWIJZIGD = "gewijzigd", "Gegevens gewijzigd"

    huishouden = models.ForeignKey(
        Huishouden, on_delete=models.CASCADE, related_name="gebeurtenissen"
    )
    soort = models.CharField(max_length=20, choices=Soort.choices)
    datum = models.DateField()
    van_status = models.CharField(max_length=20, blank=True)
    naar_status = models.CharField(max_length=20, blank=True)
    corporatie = models.ForeignKey(
        Corporatie, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reden = models.CharField(max_length=30, blank=True)
    personen = models.PositiveSmallIntegerField(default=0)
    toelichting = models.CharField(max_length=300, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["huishouden", "vastgelegd_op", "pk"]
        verbose_name = "gebeurtenis van een huishouden"
        verbose_name_plural = "gebeurtenissen van huishoudens"
        indexes = [models.Index(fields=["soort", "datum"], name="hh_gebeurtenis_soort_datum")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} op {self.datum}"


class Huishoudeninzage(models.Model):
    """Who looked at household rows, when, of which gemeente (AVG: every view is logged)."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    moment = models.DateTimeField(default=timezone.now)
    wat = models.CharField(max_length=40, help_text="lijst, detail, export, api, ...")
    huishouden_id_ref = models.PositiveIntegerField(null=True, blank=True)
    aantal = models.PositiveIntegerField(default=0, help_text="Aantal getoonde huishoudens.")

    class Meta:
        ordering = ["-moment"]
        verbose_name = "inzage in huishoudens"
        verbose_name_plural = "inzage in huishoudens"

    def __str__(self) -> str:
        return f"{self.gebruiker} bekeek {self.wat} van {self.gemeente} ({self.moment:%Y-%m-%d})"


class HuishoudenTelling(models.Model):
    """What is left of households after the retention period: anonymous counts per month."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    maand = models.DateField(help_text="Maand van verhuizing of uitval (eerste dag).")
    status = models.CharField(
        max_length=20,
        choices=[
            ("verhuisd", "Verhuisd"),
            ("uitgevallen", "Uitgevallen"),
            ("nareizigers", "Nareizigers aangekomen na de verhuizing"),
        ],
    )
    route = models.CharField(max_length=30, choices=_ROUTES)
    corporatie = models.ForeignKey(
        Corporatie, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    grootteklasse = models.CharField(max_length=5, choices=_GROOTTEKLASSEN)
    huishoudens = models.PositiveIntegerField(default=0)
    personen = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["gemeente", "maand"]
        verbose_name = "geanonimiseerde telling van huishoudens"
        verbose_name_plural = "geanonimiseerde tellingen van huishoudens"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "maand", "status", "route", "corporatie", "grootteklasse"],
                name="huishoudentelling_uniek",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.maand:%Y-%m} {self.status}: {self.huishoudens}"
