"""A change the forecast does not read (the province's choice of figures, COA's overview)
raises the gemeenten's data version (the page cache's key) and asks no recompute."""

from organisaties.herberekening import versie_ophogen
from organisaties.models import Gemeente
from prognose.models import Rekenstatus
from taakstelling.officieel.models import ProvincieInstelling
from taakstelling.officieel.services import COA_KOLOMMEN, coa_importeren
from taakstelling.services.importeren import lees_bestand


def _stand(gemeente) -> tuple[int, int]:
    s = Rekenstatus.objects.filter(gemeente=gemeente).first()
    return (0, 0) if s is None else (s.wijziging, s.versie)


def test_a_version_bump_asks_no_recompute(demo, django_capture_on_commit_callbacks):
    wijziging, versie = _stand(demo.almere)
    with django_capture_on_commit_callbacks() as callbacks:
        versie_ophogen([demo.almere.pk, demo.almere.pk, demo.lelystad.pk])
    assert callbacks == []  # nothing enqueued after commit
    assert _stand(demo.almere) == (wijziging, versie + 1)  # once, also when named twice
    # a gemeente without a status row gets one, with no recompute due
    Rekenstatus.objects.filter(gemeente=demo.steenwijkerland).delete()
    versie_ophogen([demo.steenwijkerland.pk])
    assert _stand(demo.steenwijkerland) == (0, 1)
    versie_ophogen([])  # nothing to do


def test_the_provinces_setting_bumps_the_version_of_its_gemeenten_only(
    demo, django_capture_on_commit_callbacks
):
    flevoland = list(Gemeente.objects.filter(provincie=demo.flevoland))
    voor = {g.pk: _stand(g) for g in flevoland}
    elders = _stand(demo.steenwijkerland)
    with django_capture_on_commit_callbacks() as callbacks:
        instelling = ProvincieInstelling(provincie=demo.flevoland, oordeel_op="eigen")
        instelling._change_reason = "Provincie kiest eigen cijfers"
        instelling.save()
    assert callbacks == []
    for g in flevoland:
        wijziging, versie = voor[g.pk]
        assert _stand(g) == (wijziging, versie + 1)
    assert _stand(demo.steenwijkerland) == elders


def test_a_coa_import_bumps_the_version_of_changed_gemeenten_and_a_repeat_nothing(
    demo, django_capture_on_commit_callbacks
):
    tekst = ",".join(COA_KOLOMMEN) + "\n2023-08-15,GM0034,2023-H1,261,200,-61,30,,\n"

    def importeer():
        regels = lees_bestand("coa.csv", tekst.encode(), COA_KOLOMMEN)
        return coa_importeren(regels=regels, door=demo.user("beheerder"), bestandsnaam="coa.csv")

    almere, lelystad = _stand(demo.almere), _stand(demo.lelystad)
    with django_capture_on_commit_callbacks() as callbacks:
        importeer()
    assert callbacks == []
    assert _stand(demo.almere) == (almere[0], almere[1] + 1)
    assert _stand(demo.lelystad) == lelystad
    with django_capture_on_commit_callbacks() as callbacks:
        importeer()  # the same file again: nothing changes, not even the version
    assert callbacks == [] and _stand(demo.almere) == (almere[0], almere[1] + 1)
