"""Small factories for tests whose subject is not the demo world: a fresh provincie, gemeente,
corporatie or user with only what the test needs. Each call makes new rows with unique keys,
so a test never leans on figures it did not set itself (the seed tests keep the demo)."""

from itertools import count

from organisaties.models import Corporatie, Gemeente, Lidmaatschap, Provincie, Rol, User

_volgnummer = count(1)


def _nummer() -> int:
    return next(_volgnummer)


def provincie(**velden) -> Provincie:
    n = _nummer()
    return Provincie.objects.create(
        **{"naam": f"Proefprovincie {n}", "slug": f"proef-{n}"} | velden
    )


def gemeente(**velden) -> Gemeente:
    n = _nummer()
    standaard = {"cbs_code": f"GM{9000 + n % 1000:04d}", "naam": f"Proefgemeente {n}"}
    if "provincie" not in velden:
        standaard["provincie"] = provincie()
    return Gemeente.objects.create(**standaard | velden)


def corporatie(**velden) -> Corporatie:
    n = _nummer()
    return Corporatie.objects.create(
        **{"naam": f"Proefcorporatie {n}", "slug": f"proef-{n}"} | velden
    )


def gebruiker(rol: Rol = Rol.OPGAVETEAM, **organisatie) -> User:
    """A user with one role at the organisation given (gemeente=, corporatie= or provincie=)."""
    user = User.objects.create_user(f"proef-{_nummer()}", password=None)
    Lidmaatschap.objects.create(user=user, rol=rol, **organisatie)
    return user
