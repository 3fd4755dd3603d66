"""The meeting pack as an Excel workbook: one sheet per part, Dutch headers, numbers stored as
numbers with number formats (Excel shows them with the reader's separators: 1.234 and 2,2 in
a Dutch Excel), persons and dwellings named in the headers."""

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kern import export
from rapportage.exports.pakket import (
    DATUM,
    DECIMAAL,
    GETAL,
    MOMENT,
    PROCENT,
    Pakket,
    timezone_lokaal,
)

FORMATEN = {
    GETAL: "#,##0",
    DECIMAAL: "#,##0.0",
    PROCENT: "0%",
    DATUM: "d mmm yyyy",
    MOMENT: "d mmm yyyy hh:mm",
}


def werkmap(pakket: Pakket) -> bytes:
    wb = export.werkmap()
    vet = Font(bold=True)
    for sectie in pakket.secties:
        ws = wb.create_sheet(sectie.titel[:31])
        export.xlsx_rij(
            ws,
            [
                f"{pakket.gemeente} — overleg {pakket.datum:%d-%m-%Y}, peildatum "
                f"{pakket.peildatum:%d-%m-%Y}" + (" (illustratief)" if pakket.illustratief else "")
            ],
        )
        ws["A1"].font = vet
        for cel in export.xlsx_rij(ws, [kop for kop, _ in sectie.kolommen]):
            cel.font = vet
            cel.alignment = Alignment(wrap_text=True, vertical="top")
        for rij in sectie.rijen:
            waarden = []
            for x, (_, soort) in zip(rij, sectie.kolommen, strict=False):
                if soort == MOMENT and x is not None and getattr(x, "tzinfo", None):
                    x = timezone_lokaal(x)
                waarden.append(x)
            cellen = export.xlsx_rij(ws, waarden)
            for cel, (_, soort) in zip(cellen, sectie.kolommen, strict=False):
                if soort in FORMATEN and not isinstance(cel.value, str):
                    cel.number_format = FORMATEN[soort]
        for noot in sectie.noten:
            ws.append([])
            export.xlsx_rij(ws, [noot])
        ws.freeze_panes = "A3"
        for i, (kop, _) in enumerate(sectie.kolommen, start=1):
            breedte = max([len(kop)] + [len(str(r[i - 1])) for r in sectie.rijen if i <= len(r)])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, breedte + 2))
    return export.xlsx_bytes(wb)
