from datetime import date

import pytest

from bemiddeling.huishoudens import services
from bemiddeling.huishoudens.services import Samenstelling

_teller = iter(range(1, 10_000_000))


@pytest.fixture
def nieuw_huishouden(demo):
    """A household of Almere, made by its opgaveteam."""

    def maak(volwassenen=1, kinderen=0, koppeldatum=date(2023, 3, 1), **velden):
        return services.huishouden_toevoegen(
            gemeente=velden.pop("gemeente", demo.almere),
            referentie=velden.pop("referentie", f"COA-TEST-{next(_teller)}"),
            koppeldatum=koppeldatum,
            samenstelling=Samenstelling(volwassenen, kinderen, *velden.pop("nareizigers", ())),
            door=velden.pop("door", demo.user("opgaveteam_a")),
            vandaag=velden.pop("vandaag", date(2023, 6, 15)),
            **velden,
        )

    return maak
