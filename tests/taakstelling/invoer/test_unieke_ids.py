"""Every id on an entry page is unique (review finding 7): the taakstelling page had id_jaar,
id_helft, id_bron, id_reden and id_reden_helptext twice for the opgaveteam (two forms without
a prefix), so a label or an error message could point at the wrong field."""

from collections import Counter
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.usefixtures("juni_2023")


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids += [v for k, v in attrs if k == "id" and v]


def dubbele_ids(html: str) -> list[str]:
    p = _Ids()
    p.feed(html)
    return sorted(i for i, n in Counter(p.ids).items() if n > 1)


G = "/gemeenten/GM0034/"
PAGINAS = [
    ("opgaveteam_a", G + "realisatie/2023-04/"),
    ("opgaveteam_a", G + "realisatie/2023-05/"),
    ("taskforce_a", G + "realisatie/2023-04/"),
    ("opgaveteam_a", G + "realisatie/import/"),
    ("opgaveteam_a", G + "wijzigingen/"),
    ("opgaveteam_a", G + "taakstelling/"),
    ("opgaveteam_a", G + "taakstelling/?landelijk=9800&inwoners_gemeente=1&inwoners_nl=2"),
    ("taskforce_a", G + "taakstelling/"),
    ("opgaveteam_a", G + "taakstelling/amv/"),
    ("provincie_a", G + "ibt/"),
    ("opgaveteam_a", G + "ibt/"),
    ("provincie_a", G + "mijlpalen/"),
    ("opgaveteam_a", G + "mijlpalen/"),
    ("opgaveteam_a", G + "plan/"),
    ("opgaveteam_a", G + "plan/2023-05-01/"),
    ("taskforce_a", G + "plan/2023-05-01/"),
    ("opgaveteam_a", G + "plan/nieuw/"),
    ("opgaveteam_a", G + "plan/2023-05-01/acties/amv/verwijderen/"),
    ("corporatie_a", "/corporaties/ymere/aanbod/2023-05/"),
    ("corporatie_a2", "/corporaties/goedestede/aanbod/2023-05/"),
    ("beheerder", "/corporaties/ymere/aanbod/2023-05/"),
]


@pytest.mark.parametrize(("persona", "pad"), PAGINAS, ids=[f"{p}:{u}" for p, u in PAGINAS])
def test_every_id_on_an_entry_page_is_unique(demo, persona, pad):
    antwoord = demo.client(persona).get(pad)
    assert antwoord.status_code == 200
    assert dubbele_ids(antwoord.content.decode()) == []


# The pages again after a refused POST: every form of the page is shown, some with errors.
NA_FOUT = [
    ("opgaveteam_a", G + "taakstelling/nieuw/", {"nieuw-aantal": "x"}),
    ("opgaveteam_a", G + "taakstelling/openingssaldo/", {"opening-saldo": "x"}),
    ("opgaveteam_a", G + "taakstelling/2023-H2/bijstellingen/", {}),
    ("opgaveteam_a", G + "taakstelling/amv/", {"aantal": "x"}),
    ("opgaveteam_a", G + "realisatie/2023-05/", {"r-amv-personen_gehuisvest": "x"}),
    ("provincie_a", G + "mijlpalen/", {"doel": "x"}),
    ("provincie_a", G + "ibt/", {}),
    ("opgaveteam_a", G + "plan/2023-05-01/", {"c-amv-2023-06": "x", "w-amv-2023-06": "0"}),
    ("corporatie_a", "/corporaties/ymere/aanbod/2023-05/GM0034/", {"GM0034-mutaties": "x"}),
]


@pytest.mark.parametrize(("persona", "pad", "data"), NA_FOUT, ids=[p for _, p, _ in NA_FOUT])
def test_every_id_is_unique_after_a_refused_post(demo, persona, pad, data):
    antwoord = demo.client(persona).post(pad, data)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert 'aria-invalid="true"' in html or 'role="alert"' in html
    assert dubbele_ids(html) == []
