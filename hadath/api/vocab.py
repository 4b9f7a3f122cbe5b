"""The closed vocabularies the API validates against (CODEBOOK §2, exact spellings).

A filter value outside these lists can never match a stored event, so the API answers
400 with the list of valid values instead of an empty page that hides a typo.
"""

from __future__ import annotations

TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Government regains territory", "Non-state actor overtakes territory", "Armed clash",
    ),
    "Protests": (
        "Excessive force against protesters", "Protest with intervention", "Peaceful protest",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}

EVENT_TYPES: tuple[str, ...] = tuple(TAXONOMY)
SUB_EVENT_TYPES: tuple[str, ...] = tuple(s for subs in TAXONOMY.values() for s in subs)
COUNT_BY: tuple[str, ...] = ("day", "event_type", "sub_event_type", "country", "admin1")
FORMATS: tuple[str, ...] = ("json", "geojson")
