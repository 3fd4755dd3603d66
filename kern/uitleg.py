"""The rules and terms in plain Dutch, for /hulp/ and for every page that names a rule.

A page never says "rekenregel R7": it names the rule in words and links to its explanation on
/hulp/ (``{% regel "afronden" %}``). The numbers R1-R12 of the design stay in the code and its
documentation; here each rule has an anchor and a name. Pure Python: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Regel:
    anker: str  # /hulp/#<anker>
    naam: str  # the rule's name in words, as a link text ("afronden bij het tonen")
    uitleg: tuple[str, ...]  # paragraphs
    wet: str = ""  # the article of law it rests on, if any


@dataclass(frozen=True)
class Begrip:
    anker: str
    term: str
    uitleg: str
    wet: str = ""


WET_TAAKSTELLING = "Huisvestingswet 2014, artikel 28 tot en met 30"
WET_TOEZICHT = "Gemeentewet, artikel 124 (interbestuurlijk toezicht)"

REGELS: tuple[Regel, ...] = (
    Regel(
        "personen-en-woningen",
        "personen en woningen apart",
        (
            "Personen en woningen zijn verschillende grootheden en worden apart geteld. Een "
            "geplande woning wordt pas een aantal personen via een vastgestelde woningbezetting "
            "(personen per woning). De gerealiseerde woningbezetting is het aantal gehuisveste "
            "personen gedeeld door het aantal gebruikte woningen.",
        ),
    ),
    Regel(
        "taakstelling",
        "de taakstelling per halfjaar",
        (
            "De taakstelling is het aantal vergunninghouders dat een gemeente in een halfjaar "
            "moet huisvesten, in personen. Het eerste halfjaar loopt van 1 januari tot en met "
            "30 juni, het tweede van 1 juli tot en met 31 december.",
            "De taakstelling kan worden ingevoerd of berekend zoals de wet het doet: het "
            "landelijke aantal maal het aantal inwoners van de gemeente, gedeeld door het aantal "
            "inwoners van Nederland, naar boven afgerond. De inwoneraantallen zijn die van het "
            "CBS op 1 januari van het jaar ervoor.",
            "Wordt een taakstelling in de loop van het halfjaar bijgesteld (zoals die van Almere "
            "voor de tweede helft van 2023), dan blijft de oude met de bijstelling bewaard; de "
            "laatste bijstelling geldt.",
        ),
        wet=WET_TAAKSTELLING,
    ),
    Regel(
        "saldo",
        "achterstand en voorsprong schuiven door",
        (
            "De opgave van een halfjaar is de taakstelling plus de achterstand uit het vorige "
            "halfjaar, of min de voorsprong. Het saldo is wat er in het halfjaar is gerealiseerd "
            "(voor zover het telt) min de opgave. Een negatief saldo gaat als achterstand mee "
            "naar het volgende halfjaar, een positief saldo als voorsprong.",
            "Wat een gemeente huisvest, lost eerst de oudste openstaande taakstelling af.",
        ),
        wet=WET_TAAKSTELLING,
    ),
    Regel(
        "wat-telt",
        "wat telt mee voor de taakstelling",
        (
            "Per maand en per bron (toewijzing door een corporatie, flexwoning, aankoop, andere "
            "verhuurder, alleenstaande minderjarigen, HAR, doorstroomlocatie, kamerverhuur) "
            "worden drie getallen vastgelegd: de gehuisveste personen, de personen die "
            "meetellen voor de taakstelling en de gebruikte woningen.",
            "Welke personen meetellen, hangt af van de bron en staat als telregel in de "
            "referentiegegevens, met een geldigheidsdatum en zo nodig per provincie. Zo telt "
            "een uitplaatsing uit de HAR niet opnieuw mee: die personen telden al bij hun "
            "instroom in de HAR. Almere huisvestte van januari tot en met april 2023 98 "
            "personen, van wie 20 uit de HAR; 78 tellen mee.",
        ),
    ),
    Regel(
        "mijlpalen",
        "mijlpalen",
        (
            "Een mijlpaal is een datum met een doel: het aantal personen dat sinds een "
            "startdatum in totaal gehuisvest moet zijn. Standaard zijn dat de wettelijke "
            "einden van de halfjaren; een provincie kan eigen termijnen stellen (Almere 2023: "
            "293 personen op 1 oktober en 629 op 31 december).",
            "Een maandcijfer telt mee voor een mijlpaal als de laatste dag van die maand op of "
            "vóór de mijlpaal valt: mei tot en met september tellen voor 1 oktober.",
        ),
    ),
    Regel(
        "benodigde-woningen",
        "benodigde woningen",
        (
            "Het aantal woningen dat nog nodig is, is het aantal personen dat nog gehuisvest "
            "moet worden gedeeld door de woningbezetting, naar boven afgerond. Er wordt exact "
            "gerekend, zodat de afronding klopt: 215 personen bij 2,2 per woning zijn 98 "
            "woningen.",
        ),
    ),
    Regel(
        "afronden",
        "afronden bij het tonen",
        (
            "Er wordt exact gerekend en pas afgerond bij het tonen. Een totaal is het afgeronde "
            "exacte totaal, niet de som van afgeronde delen; waar dat verschil ertoe doet, "
            "staat het erbij.",
            "Voorbeeld uit het plan van aanpak van Almere: 133 woningen maal 2,2 is 292,6, "
            "afgerond 293 personen, terwijl de afgeronde maandcijfers (44, 48, 48, 59 en 92) "
            "samen 291 zijn.",
        ),
    ),
    Regel(
        "actieplan",
        "het actieplan",
        (
            "Het actieplan legt per actie per maand het aantal geplande woningen vast, of "
            "'pm' (pro memorie) als er geen aantal te noemen is. Personen zijn woningen maal "
            "de woningbezetting van de actie; zonder eigen bezetting geldt die van het plan. "
            "Een pm-actie wordt getoond, nooit opgeteld. Elke actie heeft een eigenaar: de "
            "gemeente of een corporatie.",
        ),
    ),
    Regel(
        "capaciteit",
        "capaciteit van de corporaties",
        (
            "Per corporatie, gemeente en maand worden de vrijkomende woningen (mutaties) "
            "vastgelegd, hoeveel daarvan ongeschikt zijn voor vergunninghouders (label, huur, "
            "grootte), hoeveel aan urgenten zijn toegewezen en hoeveel daarvan aan "
            "vergunninghouders.",
            "De capaciteit voor vergunninghouders is het aantal mutaties maal het aandeel voor "
            "urgenten maal het aandeel vergunninghouders onder de urgenten, en nooit meer dan "
            "een plafond uit de prestatieafspraken. Die aandelen en plafonds zijn afspraken "
            "met een geldigheidsdatum (Almere: ongeveer 40% naar urgenten tot 1 juli 2023, "
            "daarna 35%, en twee derde daarvan naar vergunninghouders; Steenwijkerland: "
            "hoogstens 10%, van 12 juli 2024 tot 1 januari 2025 hoogstens 25%).",
        ),
    ),
    Regel(
        "prognose",
        "de prognose",
        (
            "Per mijlpaal wordt op een peildatum (de datum tot waar de cijfers bekend zijn) "
            "op drie manieren vooruitgekeken: volgens het plan (wat al telt plus de geplande "
            "personen van de resterende maanden, zonder pm), volgens de trend (het recente "
            "tempo doorgetrokken) en volgens de capaciteit van de corporaties plus de acties "
            "buiten de corporaties om.",
            "Daarnaast een kans dat het doel gehaald wordt, met een bandbreedte waarbinnen "
            "de uitkomst in acht van de tien gevallen valt, berekend door de eigen "
            "maandcijfers van de gemeente vele keren opnieuw te trekken (met een vaste "
            "startwaarde: dezelfde cijfers geven dezelfde uitkomst).",
            "Voor elke mijlpaal: het verschil in personen, het tempo dat nog nodig is in "
            "personen en woningen per maand, de maand waarin het doel naar verwachting "
            "gehaald wordt en één oordeel (haalbaar, risico, niet haalbaar of onbekend) met "
            "de reden in woorden.",
        ),
    ),
    Regel(
        "signalen",
        "signalen",
        (
            "Signalen wijzen op cijfers die niet bij elkaar passen of aandacht vragen: een "
            "plan boven de capaciteit van de corporaties, acties zonder aantal (pm), maanden "
            "zonder cijfers (ontbreken is geen nul), te weinig koppelingen door het COA op "
            "een peildatum (dan is een achterstand verschoonbaar), een verblijf in de HAR "
            "van meer dan zes maanden en een alleenstaande minderjarige die 21 wordt.",
        ),
    ),
    Regel(
        "toezicht",
        "interbestuurlijk toezicht",
        (
            "De provincie houdt toezicht op de huisvesting van vergunninghouders. Per "
            "gemeente staat de trede op de interventieladder van de provincie, met de kleur "
            "(groen, oranje, rood; wit als een achterstand verschoonbaar is), sinds wanneer, "
            "waarom, en de geschiedenis. De treden en hun kleuren zijn gegevens van de "
            "provincie.",
            "Op de hoogste trede neemt de provincie de huisvesting over, in naam en op kosten "
            "van de gemeente (indeplaatsstelling).",
        ),
        wet=WET_TOEZICHT,
    ),
)

BEGRIPPEN: tuple[Begrip, ...] = (
    Begrip(
        "vergunninghouder",
        "Vergunninghouder (statushouder)",
        "Vluchteling met een verblijfsvergunning. De taakstelling telt vergunninghouders, "
        "in personen.",
    ),
    Begrip(
        "begrip-taakstelling",
        "Taakstelling",
        "Het aantal vergunninghouders dat een gemeente in een halfjaar moet huisvesten, in "
        "personen.",
        wet=WET_TAAKSTELLING,
    ),
    Begrip(
        "achterstand",
        "Achterstand en voorsprong",
        "Wat van de opgave van een halfjaar niet is gehaald (achterstand) of wat er meer is "
        "gehuisvest (voorsprong); het schuift door naar het volgende halfjaar.",
    ),
    Begrip(
        "opgave",
        "Opgave (gecorrigeerde taakstelling)",
        "De taakstelling van een halfjaar plus de achterstand uit het vorige halfjaar, of "
        "min de voorsprong.",
    ),
    Begrip(
        "realisatie",
        "Realisatie",
        "De gehuisveste personen die meetellen voor de taakstelling, en de woningen die "
        "daarvoor zijn gebruikt.",
    ),
    Begrip(
        "woningbezetting",
        "Woningbezetting",
        "Personen per woning. Plannen rekenen met 2,2; Almere realiseerde begin 2023 ongeveer 2,0.",
    ),
    Begrip(
        "mijlpaal",
        "Mijlpaal",
        "Een datum met een doel: het aantal personen dat dan in totaal gehuisvest moet zijn. "
        "Het wettelijke einde van een halfjaar, of een termijn van de provincie.",
    ),
    Begrip(
        "koppeling",
        "Koppeling",
        "Het COA koppelt een huishouden van vergunninghouders aan een gemeente; de gemeente "
        "heeft dan ongeveer tien weken om een woning te vinden en twee weken voor de "
        "verhuizing.",
    ),
    Begrip(
        "peildatum-koppelingen",
        "Peildatum koppelingen",
        "1 april en 1 oktober: heeft het COA tot dan te weinig personen gekoppeld, dan is "
        "een achterstand tot dat tekort verschoonbaar.",
    ),
    Begrip(
        "corporatie",
        "Corporatie",
        "Woningcorporatie (Almere: GoedeStede, Ymere, De Alliantie; Steenwijkerland: "
        "Woonconcept, Wetland Wonen).",
    ),
    Begrip(
        "mutaties",
        "Vrijkomende woningen (mutaties)",
        "Sociale huurwoningen die in een maand vrijkomen.",
    ),
    Begrip(
        "label",
        "Label",
        "Toewijzingslabel op een woning: senioren, jongeren, zorg. Gelabelde woningen zijn "
        "meestal niet beschikbaar voor vergunninghouders.",
    ),
    Begrip(
        "urgenten",
        "Urgenten",
        "Urgent woningzoekenden: vergunninghouders, sociaal of medisch urgenten, uitstroom "
        "uit maatschappelijke opvang en beschermd wonen, gedupeerden van de "
        "toeslagenaffaire.",
    ),
    Begrip(
        "prestatieafspraak",
        "Prestatieafspraak",
        "Afspraak tussen gemeente, corporaties en huurders, bijvoorbeeld hoogstens 10% van "
        "de mutaties naar vergunninghouders, 25% vanaf 12 juli 2024 (Steenwijkerland).",
    ),
    Begrip(
        "actie",
        "Actie",
        "Een maatregel in het plan: prioritaire toewijzing, flexwoningen, aankoop of "
        "transformatie van vastgoed, aftoppen van huren, schrappen van labels, andere "
        "verhuurders, kamerverhuur en hogere bezetting, alleenstaande minderjarigen, HAR, "
        "doorstroomlocatie.",
    ),
    Begrip(
        "pm",
        "pm (pro memorie)",
        "Een actie zonder aantal: ze wordt getoond, nooit opgeteld.",
    ),
    Begrip(
        "amv",
        "AMV (alleenstaande minderjarige vreemdeling)",
        "Wordt door Nidos in kleine groepen gehuisvest en telt mee voor de gemeente waar hij "
        "of zij woont. Op 21 jaar stroomt een AMV uit; de gemeente blijft daarvoor "
        "verantwoordelijk.",
    ),
    Begrip(
        "har",
        "HAR (Hotel- en Accommodatieregeling)",
        "Tijdelijk verblijf in een hotel of vakantiewoning. Telt mee voor de taakstelling "
        "bij de instroom; het Rijk betaalt de eerste zes maanden.",
    ),
    Begrip(
        "uitplaatsing-har",
        "Uitplaatsing uit de HAR",
        "Iemand uit de HAR verhuist naar een vaste woning: dat kost een woning, maar telt "
        "niet opnieuw mee (de persoon telde al bij de instroom).",
    ),
    Begrip(
        "ibt",
        "IBT en trede",
        "Interbestuurlijk toezicht door de provincie; de trede is de stap op haar "
        "interventieladder, met een kleur (groen, oranje, rood; wit als een achterstand "
        "verschoonbaar is).",
        wet=WET_TOEZICHT,
    ),
    Begrip(
        "illustratief",
        "Illustratief",
        "Verzonnen demo-cijfers, niet uit een bron. Ze staan zo gemarkeerd op elke pagina "
        "en in elke export.",
    ),
    Begrip(
        "bron",
        "Bron",
        "Het document waar een cijfer vandaan komt, met titel, organisatie, datum en "
        "paragraaf, zoals mensen het citeren.",
    ),
)

_REGELS = {r.anker: r for r in REGELS}


def regel(anker: str) -> Regel:
    """The rule with this anchor; a KeyError names a typo in a template at once."""
    return _REGELS[anker]
