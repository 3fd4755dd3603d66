"""What a corporatie sees of another corporatie (issue 'Beveiliging'): the gemeente's pages,
but only its own supply rows and expectations, also in the history, the meeting pack and its
exports. Ymere (corporatie_a) against GoedeStede and De Alliantie in Almere; the taskforce sees
all three, which shows each check can fail on the demo data.

The meeting pack is read at 1 January 2100: every change up to then, so also the demo's own
history (written when the demo was loaded)."""

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
OVERLEG = "/gemeenten/GM0034/overleg/?datum=2100-01-01"

VERWACHTINGEN = [
    Verwachting(
        "wijzigingen",
        WIJZIGINGEN,
        lezen(),
        inhoud=_inhoud("Aanbodverwachting Ymere", "Aanbod Ymere"),
    ),
    Verwachting("overleg", OVERLEG, lezen(), inhoud=_inhoud("Aanbodverwachting Ymere")),
    Verwachting(
        "overleg", OVERLEG + "&formaat=csv", lezen(), inhoud=_inhoud("Aanbodverwachting Ymere")
    ),
    Verwachting(
        "overleg", OVERLEG + "&formaat=xlsx", lezen(), inhoud=_inhoud("Aanbodverwachting Ymere")
    ),
]
