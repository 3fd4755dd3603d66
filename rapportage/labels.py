"""Dutch labels for codes that would otherwise reach a reader: the kind and severity of a
signal (R11) and a change detail that is a dict (a scenario's parameters). One place, used
by the meeting pack (PDF, XLSX, CSV) and the change history.
"""

from __future__ import annotations

from prognose.rekenen import scenario
from prognose.rekenen.signalen import soortnaam

ERNST = {"info": "Ter informatie", "waarschuwing": "Waarschuwing", "probleem": "Probleem"}


def _zin(code: str) -> str:
    """An unknown code still reads as words: 'plan_boven_capaciteit' -> 'Plan boven capaciteit'."""
    tekst = str(code).replace("_", " ").strip()
    return tekst[:1].upper() + tekst[1:]


def signaalsoort(code: str) -> str:
    return soortnaam(code)


def ernst(code: str) -> str:
    return ERNST.get(code) or _zin(code)


def detail(waarde: dict | list, actienamen: dict[str, str] | None = None) -> str:
    """A dict (or list) in a change, as Dutch text. Scenario parameters as the scenario page
    describes them ('naar urgenten 40%; Prioritaire toewijzing: 2 extra woningen per maand');
    anything else as 'sleutel: waarde' with the underscores gone."""
    if isinstance(waarde, dict):
        if actienamen is None and waarde.get("extra_woningen"):
            from bemiddeling.models import ActieType  # only for a scenario with extra homes

            actienamen = dict(ActieType.objects.values_list("code", "naam"))
        try:
            regels = scenario.beschrijving(scenario.uit_dict(waarde), actienamen)
        except Exception:  # not a scenario: described generically below
            regels = []
        if regels:
            return "; ".join(regels)
        if not waarde:
            return "geen"
        return "; ".join(f"{_zin(k).lower()}: {_waarde(v)}" for k, v in waarde.items())
    return ", ".join(_waarde(v) for v in waarde) or "geen"


def _waarde(v) -> str:
    if isinstance(v, dict | list):
        return "(" + detail(v) + ")"
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if v is None:
        return "–"
    return str(v).replace("_", " ") if isinstance(v, str) else str(v)
