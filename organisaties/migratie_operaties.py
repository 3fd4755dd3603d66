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
