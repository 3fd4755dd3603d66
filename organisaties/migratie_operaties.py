"""Migration operations that make a history table append-only, on PostgreSQL and SQLite.

``AlleenToevoegen`` refuses UPDATE and DELETE (a row trigger) and, on PostgreSQL, TRUNCATE (a
statement trigger: TRUNCATE fires no row triggers). Use it for every new history table.
``GeenLegen`` adds only the TRUNCATE trigger, for tables made append-only before it existed.
"""

from django.db.migrations.operations.base import Operation

_FUNCTIE = """CREATE OR REPLACE FUNCTION historie_alleen_toevoegen() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'Historie is alleen-toevoegen: % op % geweigerd',
            TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END; $$ LANGUAGE plpgsql"""


class _Historiebeveiliging(Operation):
    reversible = True
    reduces_to_sql = True

    def __init__(self, tabel: str) -> None:
        self.tabel = tabel

    def state_forwards(self, app_label, state) -> None:
        pass

    def _sql_vooruit(self, vendor: str) -> list[str]:
        raise NotImplementedError

    def _sql_terug(self, vendor: str) -> list[str]:
        raise NotImplementedError

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        for sql in self._sql_vooruit(schema_editor.connection.vendor):
            schema_editor.execute(sql, params=None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        for sql in self._sql_terug(schema_editor.connection.vendor):
            schema_editor.execute(sql, params=None)

    def deconstruct(self):
        return (self.__class__.__name__, [self.tabel], {})


class GeenLegen(_Historiebeveiliging):
    """PostgreSQL: refuse TRUNCATE on the table (SQLite has no TRUNCATE)."""

    def _sql_vooruit(self, vendor: str) -> list[str]:
        t = self.tabel
        if vendor != "postgresql":
            return []
        return [
            _FUNCTIE,
            f'DROP TRIGGER IF EXISTS {t}_geen_truncate ON "{t}"',
            f'CREATE TRIGGER {t}_geen_truncate BEFORE TRUNCATE ON "{t}" '
            "FOR EACH STATEMENT EXECUTE FUNCTION historie_alleen_toevoegen()",
        ]

    def _sql_terug(self, vendor: str) -> list[str]:
        t = self.tabel
        if vendor != "postgresql":
            return []
        return [f'DROP TRIGGER IF EXISTS {t}_geen_truncate ON "{t}"']

    def describe(self) -> str:
        return f"Weiger TRUNCATE op {self.tabel}"


class AlleenToevoegen(_Historiebeveiliging):
    def _sql_vooruit(self, vendor: str) -> list[str]:
        t = self.tabel
        if vendor == "postgresql":
            return [
                _FUNCTIE,
                f'DROP TRIGGER IF EXISTS {t}_alleen_toevoegen ON "{t}"',
                f'CREATE TRIGGER {t}_alleen_toevoegen BEFORE UPDATE OR DELETE ON "{t}" '
                "FOR EACH ROW EXECUTE FUNCTION historie_alleen_toevoegen()",
                *GeenLegen(t)._sql_vooruit(vendor),
            ]
        if vendor == "sqlite":
            return [
                f'CREATE TRIGGER IF NOT EXISTS {t}_geen_update BEFORE UPDATE ON "{t}" '
                "BEGIN SELECT RAISE(ABORT, 'Historie is alleen-toevoegen'); END",
                f'CREATE TRIGGER IF NOT EXISTS {t}_geen_delete BEFORE DELETE ON "{t}" '
                "BEGIN SELECT RAISE(ABORT, 'Historie is alleen-toevoegen'); END",
            ]
        return []

    def _sql_terug(self, vendor: str) -> list[str]:
        t = self.tabel
        if vendor == "postgresql":
            return [
                f'DROP TRIGGER IF EXISTS {t}_alleen_toevoegen ON "{t}"',
                *GeenLegen(t)._sql_terug(vendor),
            ]
        if vendor == "sqlite":
            return [
                f"DROP TRIGGER IF EXISTS {t}_geen_update",
                f"DROP TRIGGER IF EXISTS {t}_geen_delete",
            ]
        return []

    def describe(self) -> str:
        return f"Maak {self.tabel} alleen-toevoegen"


BRON_OMGEZET = "Bron omgezet naar een brondocument met paragraaf (migratie)"


def bronnen_omzetten(app_label: str, *modellen: str):
    """A RunPython function: rows whose ``bron`` names a document the old way ("seed 000 r.
    78") get that document (made if need be) and its paragraph; what is left of the text stays
    as the note. Every changed row, and every new document, gets a history row with the reason,
    as any other change of reference data does."""

    def omzetten(apps, schema_editor):
        from django.utils import timezone

        from kern.bronnen import uit_oude_verwijzing

        Brondocument = apps.get_model("organisaties", "Brondocument")
        nu = timezone.now()

        def historie(model, rij, soort):
            h = apps.get_model(model._meta.app_label, f"Historical{model.__name__}")
            kopie = h(history_date=nu, history_type=soort, history_change_reason=BRON_OMGEZET)
            for f in model._meta.concrete_fields:
                setattr(kopie, f.attname, getattr(rij, f.attname))
            kopie.save()

        documenten = {}
        for naam in modellen:
            model = apps.get_model(app_label, naam)
            for rij in model.objects.filter(brondocument__isnull=True).exclude(bron=""):
                v = uit_oude_verwijzing(rij.bron)
                if v is None:
                    continue
                if v.document.code not in documenten:
                    doc = Brondocument.objects.filter(code=v.document.code).first()
                    if doc is None:
                        doc = Brondocument.objects.create(
                            code=v.document.code,
                            titel=v.document.titel,
                            organisatie=v.document.organisatie,
                            datum=v.document.datum,
                        )
                        historie(Brondocument, doc, "+")
                    documenten[v.document.code] = doc
                rij.brondocument = documenten[v.document.code]
                rij.paragraaf, rij.bron = v.paragraaf, v.toelichting
                rij.save(update_fields=["brondocument", "paragraaf", "bron"])
                historie(model, rij, "~")

    return omzetten
