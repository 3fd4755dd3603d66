"""The catalogue of actions: the ten of seed 000 §3 plus doorstroomlocatie and kamerverhuur."""

ACTIETYPEN = [
    # code, naam, bron, via corporatie-aanbod
    ("prioritaire_toewijzing", "Prioritaire toewijzing vrijkomende huurwoningen", "regulier", True),
    ("flexwoningen", "Bouwen flexwoningen", "flexwoning", False),
    (
        "vergroten_sociale_voorraad",
        "Onderzoek mogelijkheid vergroten sociale voorraad",
        "regulier",
        False,
    ),
    ("aankoop_vastgoed", "Aankoop/huur (en transformatie) vastgoed", "aankoop", False),
    ("aftoppen_huren", "Aftoppen van huurprijzen", "regulier", True),
    ("schrappen_labels", "Schrappen van toewijzingslabels", "regulier", True),
    ("andere_verhuurders", "Beroep doen op andere verhuurders", "andere_verhuurder", False),
    ("woningbezetting", "Vergroten gemiddelde aantal vergunninghouders per woning", None, False),
    ("amv", "Huisvesten AMV'ers", "amv", False),
    ("har", "Gebruik maken HAR of andere tijdelijke voorzieningen", "har", False),
    ("doorstroomlocatie", "Doorstroomlocatie", "doorstroomlocatie", False),
    ("kamerverhuur", "Kamerverhuur of dubbele bewoning", "kamerverhuur", False),
]


def laad_actietypen(ActieType) -> None:
    for volgorde, (code, naam, bron, via) in enumerate(ACTIETYPEN, start=1):
        ActieType.objects.get_or_create(
            code=code,
            defaults={
                "naam": naam,
                "bron_id": bron,
                "via_corporatie_aanbod": via,
                "volgorde": volgorde,
            },
        )
