"""Deleting a user in the admin gave a database error (review finding 9): the history rows
that name the user are append-only, so SET_NULL on them is refused. A user is deactivated
instead; the admin offers no delete."""

import pytest
from django.db import DatabaseError, transaction

from organisaties.models import User
from taakstelling.models import Realisatie


def test_the_admin_offers_no_delete_for_a_user_but_deactivation(demo):
    beheerder = demo.client("beheerder")
    gebruiker = demo.user("opgaveteam_a")
    wijzig = beheerder.get(f"/beheer/organisaties/user/{gebruiker.pk}/change/")
    assert wijzig.status_code == 200
    html = wijzig.content.decode()
    assert 'name="is_active"' in html
    assert f"/beheer/organisaties/user/{gebruiker.pk}/delete/" not in html
    assert beheerder.get(f"/beheer/organisaties/user/{gebruiker.pk}/delete/").status_code == 403
    lijst = beheerder.get("/beheer/organisaties/user/").content.decode()
    assert "delete_selected" not in lijst
    antwoord = beheerder.post(
        "/beheer/organisaties/user/",
        {"action": "delete_selected", "_selected_action": [gebruiker.pk], "post": "yes"},
    )
    assert antwoord.status_code in (200, 302)
    assert User.objects.filter(pk=gebruiker.pk).exists()


def test_why_deleting_cannot_work(demo):
    """The reason behind it: a user who changed figures is named in append-only history."""
    rij = Realisatie.objects.filter(gemeente=demo.almere).first()
    rij._history_user = gebruiker = demo.user("opgaveteam_a")
    rij.save()
    with pytest.raises(DatabaseError, match="alleen-toevoegen"), transaction.atomic():
        gebruiker.delete()
