"""manage.py signalen_versturen [--digest week|maand]: for setups without beat, and checks."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from meldingen import services, verzenden
from meldingen.models import Melding, Status, Wijze


class Command(BaseCommand):
    help = (
        "Zoekt nieuwe signalen (oordelen, ontbrekende maanden, huishoudens over de norm, "
        "AMV'ers die 21 worden, langer dan zes maanden in de HAR, aandeel naar "
        "vergunninghouders boven het plafond, verschil met het COA) en "
        "verstuurt de directe meldingen; met --digest het week- of maandoverzicht."
    )

    def add_arguments(self, parser):
        parser.add_argument("--digest", choices=["week", "maand"], help="het overzicht versturen")

    def handle(self, *args, digest=None, **opties):
        begin = timezone.now()
        gevonden = services.alles_controleren()
        self.stdout.write(
            f"Nieuwe meldingen: {gevonden['oordelen']} over oordelen en kansen, "
            f"{gevonden['maanden']} over ontbrekende maanden, "
            f"{gevonden['huishoudens']} over huishoudens, {gevonden['amv']} over AMV'ers, "
            f"{gevonden['har']} over de HAR, {gevonden['plafond']} over het plafond, "
            f"{gevonden['coa']} over verschillen met het COA."
        )
        try:
            verzenden.verstuur_direct()
            # Also those a worker (or, without one, the detector itself) sent meanwhile.
            direct = Melding.objects.filter(
                wijze=Wijze.DIRECT, status=Status.VERZONDEN, verzonden_op__gte=begin
            ).count()
            self.stdout.write(f"Direct verzonden: {direct} e-mail(s).")
            if digest:
                n = verzenden.digest_versturen(digest)
                wat = "weekoverzicht" if digest == "week" else "maandoverzicht"
                self.stdout.write(f"{wat.capitalize()} verzonden aan {n} gebruiker(s).")
        except verzenden.Tijdelijk as exc:
            raise CommandError(
                f"Niet alle e-mails zijn verzonden ({exc}); ze blijven staan voor de volgende keer."
            ) from exc
