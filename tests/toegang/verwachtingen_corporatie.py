"""What a corporatie sees of another corporatie (issue 'Beveiliging'): the gemeente's pages,
but only its own supply rows and expectations, also in the history, the meeting pack and its
exports. Ymere (corporatie_a) against GoedeStede and De Alliantie in Almere; the taskforce sees
all three, which shows each check can fail on the demo data.

The meeting pack is read at 1 January 2100. Its change list leaves out the demo load (issue
11), so on the demo data it has no supply rows to show: here it must only not show another
corporatie's; ``tests/rapportage/overleg/test_overleg.py``
(``test_a_corporatie_sees_only_its_own_supply_changes_in_the_pack``) makes such changes
after a meeting and shows the check can fail."""

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


def _niet_van_anderen() -> dict[str, Inhoud]:
    return {"corporatie_a": Inhoud(niet=ANDERE_CORPORATIES)}


WIJZIGINGEN = "/gemeenten/GM0034/wijzigingen/?maand=2023-01"
OVERLEG = "/gemeenten/GM0034/overleg/?datum=2100-01-01"

VERWACHTINGEN = [
    Verwachting(
        "wijzigingen",
        WIJZIGINGEN,
        lezen(),
        inhoud=_inhoud("Aanbodverwachting Ymere", "Aanbod Ymere"),
    ),
    Verwachting("overleg", OVERLEG, lezen(), inhoud=_niet_van_anderen()),
    Verwachting("overleg", OVERLEG + "&formaat=csv", lezen(), inhoud=_niet_van_anderen()),
    Verwachting("overleg", OVERLEG + "&formaat=xlsx", lezen(), inhoud=_niet_van_anderen()),
]
