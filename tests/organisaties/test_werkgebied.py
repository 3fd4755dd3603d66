"""'Works in' is read in one place (review D8): organisaties.selectors. Access, the month entry,
the plan's owners and the supply pages all ask there, so they cannot disagree."""

import re
from pathlib import Path

from django.conf import settings

EIGEN = ("organisaties", "taakstelling", "bemiddeling")
TOEGESTAAN = {"organisaties/selectors.py", "organisaties/models.py", "organisaties/admin.py"}


def test_werkgebied_is_read_only_through_the_selectors():
    basis = Path(settings.BASE_DIR)
    elders = []
    for app in EIGEN:
        for pad in (basis / app).rglob("*.py"):
            naam = pad.relative_to(basis).as_posix()
            if "/migrations/" in naam or naam in TOEGESTAAN:
                continue
            tekst = pad.read_text()
            if re.search(r"Werkgebied\.objects|werkgebied__", tekst):
                elders.append(naam)
    assert elders == []


def test_the_selectors_answer_for_almere(demo):
    from organisaties import selectors

    assert [c.slug for c in selectors.corporaties_in(demo.almere)] == [
        "de-alliantie",
        "goedestede",
        "ymere",
    ]
    assert selectors.werkt_in(demo.ymere.pk, demo.almere.pk)
    assert not selectors.werkt_in(demo.ymere.pk, demo.steenwijkerland.pk)
    assert selectors.gemeente_van(demo.ymere, "gm0034") == demo.almere
    assert selectors.gemeente_van(demo.ymere, "GM1708") is None
    assert (demo.woonconcept.pk, demo.steenwijkerland.pk) in selectors.werkgebieden()
