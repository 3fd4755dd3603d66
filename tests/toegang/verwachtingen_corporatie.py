"""What a corporatie sees of another corporatie (issue 'Beveiliging'): the gemeente's pages,
but only its own supply rows and expectations, also in the history, the meeting pack and its
exports. Ymere (corporatie_a) against GoedeStede and De Alliantie in Almere; the taskforce sees
all three, which shows each check can fail on the demo data.

The meeting pack's change list leaves out the demo load (issue 11), so on the demo data it has
no supply rows to check here (a content check must be able to fail on the demo data):
``tests/rapportage/overleg/test_overleg.py``
(``test_a_corporatie_sees_only_its_own_supply_changes_in_the_pack``) makes such changes after a
meeting and checks the page and the CSV; the meeting pack's status per role is in
``verwachtingen_rapportage``."""

from tests.toegang.tabel import Inhoud, Verwachting, lezen

ANDERE_CORPORATIES = (
    "Aanbodverwachting GoedeStede",
    "Aanbodverwachting De Alliantie",
    "Aanbod GoedeStede",
    "Aanbod De Alliantie",
)


def _inhoud(*eigen: str) -> dict[str, Inhoud]:
    return {
        "corporatie_a": Inhoud(wel=eigen, niet=ANDERE_CORPORATIES),
        "taskforce_a": Inhoud(wel=ANDERE_CORPORATIES),
    }


WIJZIGINGEN = "/gemeenten/GM0034/wijzigingen/?maand=2023-01"

VERWACHTINGEN = [
    Verwachting(
        "wijzigingen",
        WIJZIGINGEN,
        lezen(),
        inhoud=_inhoud("Aanbodverwachting Ymere", "Aanbod Ymere"),
    ),
]
