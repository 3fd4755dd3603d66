"""Official figures (issue 15): the national number per half-year with its revisions and
sources, CBS population per gemeente, CBS codes over time, the regional exchange ledger
(art. 29 lid 2), COA's periodic overview and the province's choice of figures for the verdict.

Imported by ``taakstelling.models`` so Django registers them in the app ``taakstelling``.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q

from kern.perioden import Halfjaar
from organisaties.historie import historie
from organisaties.models import Gemeente, Provincie

HELFTEN = [(1, "eerste helft (jan-jun)"), (2, "tweede helft (jul-dec)")]


class LandelijkeTaakstelling(models.Model):
    """The national number of one half-year as published, from a date; a revision is a new
    row with a later date (2019-I: 8.000, lowered to 6.000 on 26 maart 2019). The latest
    on or before a date holds. Reference data: the beheerder adds one, with a reason."""

    jaar = models.PositiveSmallIntegerField()
    helft = models.PositiveSmallIntegerField(choices=HELFTEN)
    geldig_vanaf = models.DateField(help_text="Datum van het besluit of de bekendmaking.")
    aantal = models.PositiveIntegerField(help_text="Vergunninghouders in heel Nederland.")
    publicatie_titel = models.CharField("titel van de publicatie", max_length=300)
    organisatie = models.CharField(max_length=200, help_text="Bijvoorbeeld Rijksoverheid.")
    publicatie_datum = models.DateField("datum van de publicatie")
    link = models.URLField(max_length=500, blank=True)
    toelichting = models.TextField(blank=True)
    illustratief = models.BooleanField(
        default=False, help_text="Verzonnen demo-cijfer, niet uit een publicatie."
    )
    history = historie()

    class Meta:
        ordering = ["jaar", "helft", "geldig_vanaf"]
        verbose_name = "landelijke taakstelling"
        verbose_name_plural = "landelijke taakstellingen"
        constraints = [
            models.UniqueConstraint(
                fields=["jaar", "helft", "geldig_vanaf"], name="landelijk_per_datum"
            ),
            models.CheckConstraint(condition=Q(helft__in=[1, 2]), name="landelijk_helft"),
            models.CheckConstraint(condition=~Q(publicatie_titel=""), name="landelijk_bron"),
        ]

    def __str__(self) -> str:
        return f"{self.halfjaar.naam}: {self.aantal} (vanaf {self.geldig_vanaf:%d-%m-%Y})"

    @property
    def halfjaar(self) -> Halfjaar:
        return Halfjaar(self.jaar, self.helft)

    @property
    def bron_tekst(self) -> str:
        return f"{self.publicatie_titel}, {self.organisatie}, {self.publicatie_datum:%d-%m-%Y}"


class Bevolking(models.Model):
    """CBS inhabitants of a region on 1 January of ``jaar`` (``regio_code`` GM.... or NL01)."""

    regio_code = models.CharField(max_length=6, help_text="GM0034, of NL01 voor Nederland.")
    jaar = models.PositiveSmallIntegerField(help_text="Stand op 1 januari van dit jaar.")
    inwoners = models.PositiveIntegerField()
    bron = models.CharField(max_length=300, blank=True)
    illustratief = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["jaar", "regio_code"]
        verbose_name = "bevolking op 1 januari"
        verbose_name_plural = "bevolking op 1 januari"
        constraints = [
            models.UniqueConstraint(fields=["regio_code", "jaar"], name="bevolking_per_jaar"),
            models.CheckConstraint(
                condition=Q(regio_code__regex=r"^(GM[0-9]{4}|NL01)$"), name="bevolking_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.regio_code} 1-1-{self.jaar}: {self.inwoners}"


class Gemeentecode(models.Model):
    """A CBS gemeente code and when it was valid; ``opgegaan_in`` names the code it went
    into when it ended (a merger, or a new code). Reference data (CBS gemeentelijke indeling)."""

    code = models.CharField(max_length=6)
    naam = models.CharField(max_length=100)
    geldig_van = models.DateField()
    geldig_tot = models.DateField(null=True, blank=True, help_text="Exclusief; leeg: geldig.")
    opgegaan_in = models.CharField(max_length=6, blank=True)
    history = historie()

    class Meta:
        ordering = ["code", "geldig_van"]
        verbose_name = "CBS-gemeentecode"
        verbose_name_plural = "CBS-gemeentecodes"
        constraints = [
            models.UniqueConstraint(fields=["code", "geldig_van"], name="gemeentecode_uniek"),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=F("geldig_van")),
                name="gemeentecode_geldigheid",
            ),
            models.CheckConstraint(
                condition=Q(opgegaan_in="") | Q(geldig_tot__isnull=False),
                name="gemeentecode_opgegaan_met_einde",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.naam}"


class Uitruil(models.Model):
    """Art. 29 lid 2: ``neemt_over`` takes ``personen`` of ``draagt_over``'s quota for a
    half-year, with both colleges' consent and the province's approval. Applied as one
    Bijstelling on each quota (+N and -N): the province's sum stays the same."""

    provincie = models.ForeignKey(Provincie, on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    helft = models.PositiveSmallIntegerField(choices=HELFTEN)
    neemt_over = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    draagt_over = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    personen = models.PositiveIntegerField()
    instemming_neemt_over_datum = models.DateField("instemming college (neemt over)")
    instemming_neemt_over_kenmerk = models.CharField("kenmerk besluit", max_length=200)
    instemming_draagt_over_datum = models.DateField("instemming college (draagt over)")
    instemming_draagt_over_kenmerk = models.CharField("kenmerk besluit", max_length=200)
    goedkeuring_datum = models.DateField("goedkeuring Gedeputeerde Staten")
    goedkeuring_kenmerk = models.CharField("kenmerk goedkeuring", max_length=200)
    toelichting = models.TextField(blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = historie()

    class Meta:
        ordering = ["provincie", "jaar", "helft", "goedkeuring_datum"]
        verbose_name = "uitruil van taakstelling"
        verbose_name_plural = "uitruil van taakstelling"
        constraints = [
            models.CheckConstraint(
                condition=~Q(neemt_over=F("draagt_over")), name="uitruil_twee_gemeenten"
            ),
            models.CheckConstraint(condition=Q(personen__gt=0), name="uitruil_personen"),
        ]

    def __str__(self) -> str:
        return f"{self.neemt_over} neemt {self.personen} over van {self.draagt_over}"

    @property
    def halfjaar(self) -> Halfjaar:
        return Halfjaar(self.jaar, self.helft)


class CoaHalfjaar(models.Model):
    """COA's periodic overview, per publication date, gemeente and half-year."""

    publicatiedatum = models.DateField()
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField()
    helft = models.PositiveSmallIntegerField(choices=HELFTEN)
    taakstelling = models.PositiveIntegerField(null=True, blank=True)
    gerealiseerd = models.PositiveIntegerField(null=True, blank=True)
    saldo = models.IntegerField(
        null=True, blank=True, help_text="Negatief: achterstand; positief: voorsprong."
    )
    in_procedure = models.PositiveIntegerField(null=True, blank=True)
    illustratief = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "jaar", "helft", "publicatiedatum"]
        verbose_name = "COA-overzicht per halfjaar"
        verbose_name_plural = "COA-overzichten per halfjaar"
        constraints = [
            models.UniqueConstraint(
                fields=["publicatiedatum", "gemeente", "jaar", "helft"], name="coa_halfjaar_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"COA {self.publicatiedatum}: {self.gemeente} {self.jaar}-H{self.helft}"

    @property
    def halfjaar(self) -> Halfjaar:
        return Halfjaar(self.jaar, self.helft)


class CoaMaand(models.Model):
    """COA's monthly figures in the same overview: koppelingen and persons housed."""

    publicatiedatum = models.DateField()
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    maand = models.DateField(help_text="Eerste dag van de maand.")
    koppelingen = models.PositiveIntegerField(null=True, blank=True)
    gehuisvest = models.PositiveIntegerField(null=True, blank=True)
    illustratief = models.BooleanField(default=False)
    versie = models.PositiveIntegerField(default=1)
    history = historie()

    class Meta:
        ordering = ["gemeente", "maand", "publicatiedatum"]
        verbose_name = "COA-overzicht per maand"
        verbose_name_plural = "COA-overzichten per maand"
        constraints = [
            models.UniqueConstraint(
                fields=["publicatiedatum", "gemeente", "maand"], name="coa_maand_uniek"
            ),
            models.CheckConstraint(condition=Q(maand__day=1), name="coa_maand_eerste_dag"),
        ]

    def __str__(self) -> str:
        return f"COA {self.publicatiedatum}: {self.gemeente} {self.maand:%Y-%m}"


class ProvincieInstelling(models.Model):
    """The province's choice: the verdict on its IBT dashboard follows COA's official
    figures (default) or the gemeenten's own."""

    class Oordeel(models.TextChoices):
        OFFICIEEL = "officieel", "Officiële cijfers (COA)"
        EIGEN = "eigen", "Eigen cijfers van de gemeenten"

    provincie = models.OneToOneField(Provincie, on_delete=models.CASCADE, related_name="+")
    oordeel_op = models.CharField(max_length=10, choices=Oordeel.choices, default="officieel")
    history = historie()

    class Meta:
        verbose_name = "instelling van de provincie"
        verbose_name_plural = "instellingen van de provincies"

    def __str__(self) -> str:
        return f"{self.provincie}: oordeel op {self.get_oordeel_op_display().lower()}"

    def save(self, *args, **kwargs):
        """The IBT dashboard shows what this setting chooses: its gemeenten's data version
        goes up with it (the page cache's key), in the same transaction. The forecast does not
        read the setting: no recompute."""
        from organisaties.herberekening import versie_ophogen  # models load first

        with transaction.atomic():
            super().save(*args, **kwargs)
            versie_ophogen(
                Gemeente.objects.filter(provincie=self.provincie_id).values_list("pk", flat=True)
            )
