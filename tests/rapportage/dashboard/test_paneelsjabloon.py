"""The dashboard compiles the SQL of "Past het aanbod?" once per process and fills in the
gemeente and the date per request (rapportage/paginacache.py): the statement and its
parameters are exactly what the ORM builds for that gemeente and date."""

from datetime import date

import pytest

from bemiddeling.huishoudens.aanbod import paneelquery
from rapportage import paginacache

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("vandaag", [date(2023, 5, 1), date(2026, 12, 3)])
def test_the_compiled_panel_is_the_orms_statement_for_each_gemeente_and_date(demo, vandaag):
    for gemeente in (demo.almere, demo.lelystad, demo.steenwijkerland):
        sql, parameters = paneelquery(gemeente, vandaag).query.sql_with_params()
        assert paginacache._paneel(gemeente, vandaag) == (sql, list(parameters))
