from datetime import date

from django.core.management.base import BaseCommand, CommandError

from demo.laden import laad_demo


class Command(BaseCommand):
    help = "Laadt de demo (Almere 2023, Steenwijkerland 2024, overige Flevoland) en de log-ins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--wachtwoord",
            help="Wachtwoord voor alle demo-log-ins; zonder deze optie krijgt elke log-in een "
            "willekeurig wachtwoord, dat hieronder wordt getoond.",
        )

        parser.add_argument(
            "--vandaag",
            help="Laad de demo alsof het deze dag is (JJJJ-MM-DD): de illustratieve maanden "
            "lopen tot en met de maand ervoor. Standaard vandaag.",
        )

    def handle(self, *args, wachtwoord=None, vandaag=None, **options):
        try:
            dag = date.fromisoformat(vandaag) if vandaag else None
        except ValueError:
            raise CommandError(f"'{vandaag}' is geen datum; gebruik JJJJ-MM-DD.") from None
        inlogs = laad_demo(wachtwoord, vandaag=dag)
        self.stdout.write(self.style.SUCCESS("Demo geladen."))
        self.stdout.write("Log in op http://127.0.0.1:8000/inloggen/ met:\n")
        breedte = max(len(d.username) for d, _ in inlogs)
        self.stdout.write(
            f"  {'gebruikersnaam'.ljust(breedte)}  {'rol'.ljust(11)}  "
            f"{'organisatie'.ljust(13)}  wachtwoord"
        )
        for d, ww in inlogs:
            self.stdout.write(
                f"  {d.username.ljust(breedte)}  {d.rol.ljust(11)}  "
                f"{(d.organisatie or '-').ljust(13)}  {ww}"
            )
