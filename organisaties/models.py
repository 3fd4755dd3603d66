"""Organisations, users and their roles. Imports no domain app; the domain apps import this."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from kern import bronnen, opmaak
from organisaties.historie import historie


class Provincie(models.Model):
    naam = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["naam"]
        verbose_name_plural = "provincies"

    def __str__(self) -> str:
        return self.naam


class Gemeente(models.Model):
    cbs_code = models.CharField(
        "CBS-code", max_length=6, unique=True, help_text="Bijvoorbeeld GM0034 (Almere)."
    )
    naam = models.CharField(max_length=100)
    provincie = models.ForeignKey(Provincie, on_delete=models.PROTECT, related_name="gemeenten")
    inwoners = models.PositiveIntegerField(
        null=True, blank=True, help_text="CBS, 1 januari; nodig voor art. 29 Huisvestingswet."
    )
    illustratief = models.BooleanField(
        default=False, help_text="Verzonnen demo-cijfers, niet uit een bron."
    )

    class Meta:
        ordering = ["naam"]
        verbose_name_plural = "gemeenten"
        constraints = [
            models.CheckConstraint(
                condition=Q(cbs_code__regex=r"^GM[0-9]{4}$"), name="gemeente_cbs_code_vorm"
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Corporatie(models.Model):
    naam = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=50, unique=True)
    gemeenten = models.ManyToManyField(
        Gemeente, through="Werkgebied", related_name="corporaties", blank=True
    )

    class Meta:
        ordering = ["naam"]
        verbose_name_plural = "corporaties"

    def __str__(self) -> str:
        return self.naam


class Werkgebied(models.Model):
    """A corporatie works in a gemeente: it sees that gemeente and enters supply for it."""

    corporatie = models.ForeignKey(Corporatie, on_delete=models.CASCADE)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE)

    class Meta:
        verbose_name_plural = "werkgebieden"
        constraints = [
            models.UniqueConstraint(fields=["corporatie", "gemeente"], name="werkgebied_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.corporatie} in {self.gemeente}"


class User(AbstractUser):
    """Custom from the first migration so fields can be added later without pain."""

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"


class Rol(models.TextChoices):
    OPGAVETEAM = "opgaveteam", "Opgaveteam (gemeente)"
    CORPORATIE = "corporatie", "Woningcorporatie"
    PROVINCIE = "provincie", "Provincie (IBT)"
    TASKFORCE = "taskforce", "Taskforce (alleen lezen)"
    BEHEERDER = "beheerder", "Beheerder"


class Lidmaatschap(models.Model):
    """One role of a user at one organisation; the access module reads only these."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="lidmaatschappen")
    rol = models.CharField(max_length=20, choices=Rol.choices)
    gemeente = models.ForeignKey(Gemeente, null=True, blank=True, on_delete=models.CASCADE)
    corporatie = models.ForeignKey(Corporatie, null=True, blank=True, on_delete=models.CASCADE)
    provincie = models.ForeignKey(Provincie, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        verbose_name_plural = "lidmaatschappen"
        constraints = [
            # Each role names exactly the organisation it belongs to, and nothing else.
            models.CheckConstraint(
                name="lidmaatschap_organisatie_past_bij_rol",
                condition=(
                    Q(
                        rol__in=["opgaveteam", "taskforce"],
                        gemeente__isnull=False,
                        corporatie__isnull=True,
                        provincie__isnull=True,
                    )
                    | Q(
                        rol="corporatie",
                        corporatie__isnull=False,
                        gemeente__isnull=True,
                        provincie__isnull=True,
                    )
                    | Q(
                        rol="provincie",
                        provincie__isnull=False,
                        gemeente__isnull=True,
                        corporatie__isnull=True,
                    )
                    | Q(
                        rol="beheerder",
                        gemeente__isnull=True,
                        corporatie__isnull=True,
                        provincie__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "rol", "gemeente"],
                condition=Q(gemeente__isnull=False),
                name="lidmaatschap_uniek_gemeente",
            ),
            models.UniqueConstraint(
                fields=["user", "corporatie"],
                condition=Q(corporatie__isnull=False),
                name="lidmaatschap_uniek_corporatie",
            ),
            models.UniqueConstraint(
                fields=["user", "provincie"],
                condition=Q(provincie__isnull=False),
                name="lidmaatschap_uniek_provincie",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(rol="beheerder"), name="lidmaatschap_uniek_beheerder"
            ),
        ]

    def __str__(self) -> str:
        organisatie = self.gemeente or self.corporatie or self.provincie or "alles"
        return f"{self.user} — {self.get_rol_display()} ({organisatie})"


class ApiToken(models.Model):
    """A personal key for the JSON API (/api/v1/), with the rights of its user.

    Only a SHA-256 hash of the key is stored; the key itself is shown once, when it is made
    (on /api-tokens/ by the user, or in the admin by the beheerder). Revoked tokens stay as
    rows (who had access when).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    naam = models.CharField(max_length=100, help_text="Waarvoor, bijvoorbeeld 'Power BI'.")
    sleutel_hash = models.CharField(max_length=64, unique=True, editable=False)
    begin = models.CharField(
        max_length=12, editable=False, help_text="De eerste tekens, om de sleutel te herkennen."
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    laatst_gebruikt_op = models.DateTimeField(null=True, blank=True, editable=False)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "-aangemaakt_op"]
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"

    def __str__(self) -> str:
        return f"{self.user}: {self.naam} ({self.begin}…)"

    @property
    def actief(self) -> bool:
        return self.ingetrokken_op is None


class Brondocument(models.Model):
    """A document figures are taken from, as people cite it: title, organisation, date. The
    citing row adds the paragraph (``paragraaf``). Reference data: changed in the admin with a
    reason, kept in the history."""

    code = models.SlugField(max_length=80, unique=True, help_text="Vaste korte naam.")
    titel = models.CharField(max_length=200)
    organisatie = models.CharField(
        max_length=200, help_text="Wie het document opstelde of ondertekende."
    )
    datum = models.DateField()
    history = historie()

    class Meta:
        ordering = ["-datum", "titel"]
        verbose_name = "brondocument"
        verbose_name_plural = "brondocumenten"

    def __str__(self) -> str:
        return self.citaat()

    def citaat(self, paragraaf: str = "") -> str:
        """'Plan van aanpak huisvesting vergunninghouders Almere, gemeente Almere, 2 juni 2023,
        §1'."""
        return bronnen.citaat(
            self.titel, self.organisatie, opmaak.datum_lang(self.datum), paragraaf
        )


def bronvelden():
    """The two fields of a row that cites a document: which one, and where in it."""
    return (
        models.ForeignKey(
            Brondocument,
            null=True,
            blank=True,
            on_delete=models.PROTECT,
            related_name="+",
            verbose_name="brondocument",
        ),
        models.CharField(
            max_length=100,
            blank=True,
            verbose_name="paragraaf",
            help_text="Waar in het document, bijvoorbeeld §1 of afspraak a.",
        ),
    )
