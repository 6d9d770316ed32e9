"""The built-in catalogues against the template's lists (../shared/seeds/000_*), spelled exactly."""

from __future__ import annotations

import re
import tomllib

from tests_support import ROOT

CATALOG = ROOT / "catalog"

STAGES = [
    "Sensibilisation", "Recherche", "Sélection", "Acquisition", "Découverte",
    "Utilisation", "Maintenance", "Fidélisation", "Recommandation", "Engagement",
]
SUPPORTS = [
    "Affiches", "Annonces", "Appels téléphoniques", "Articles", "Ateliers", "Bannières",
    "Billets de blog", "Brochure", "Carte de visite", "Catalogue", "Communiqués de presse",
    "Conférences", "Cours", "Débats", "Dépliant", "Diaporamas partagés", "Discussions ouvertes",
    "Documents partagés", "Evènements participatifs", "FAQ – Frequent Asked Questions",
    "Flyer, folder", "Forums", "Groupes de discussion", "Hotline", "Images partagées",
    "Interviews", "Mails", "Newsletters", "Micro-blogging", "Pages web",
    "PLV – Publicité / lieu vente", "Présentations", "Questionnaires / formulaires",
    "Référencement", "Réunions", "SMS, MMS", "Stands promotionnels", "Street events",
    "Vidéos partagées", "Visioconférence",
]
TYPES = [
    "Thématique", "Institutionnelle", "Technique", "Promotionnelle", "Support",
    "Communautaire, utilisateurs", "Communautaire, marque",
]
TOUCHPOINTS = [
    "Bulletin de commande", "Bulletin de livraison", "Chatbot", "Confirmation de commande",
    "Confirmation de retour", "Emballage", "Etiquette de retour", "Facture", "Formulaire",
    "Page d'accueil", "Page d'enregistrement", "Page de connexion", "Page de remerciement",
    "Page produit", "Panier d'achat", "Paiement en ligne",
]
GROUPS = {
    "Médias traditionnels": ["Presse écrite", "Radio", "Télévision", "Cinéma", "Affichage"],
    "Médias WEB": ["Presse en ligne", "Publicité en ligne", "Plateformes communautaires"],
    "Hors médias traditionnel": [
        "Evènements traditionnels", "Evènements alternatifs", "Relations publiques",
        "Courrier postal", "Contact direct",
    ],
    "Hors médias WEB": [
        "Plateformes individuelles", "Communication asynchrone", "Communication synchrone",
        "Applications mobiles",
    ],
}
STAGE_DESCRIPTIONS = {
    "Sensibilisation": "Prise de conscience du besoin et de l'existence de solutions potentielles, établissement de priorités.",
    "Maintenance": "Assistance, mise à jour, maintenance, réparation ou échange: service après-vente.",
    "Recommandation": "Influence auprès d'autres personnes, désir de devenir « ambassadeur » de l'organisation et de ses prestations.",
}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load(name: str) -> dict:
    return tomllib.loads((CATALOG / f"{name}.toml").read_text(encoding="utf-8"))


def labels(entries: list[dict]) -> list[str]:
    return [e["label"] for e in entries]


def test_every_list_is_complete_and_spelled_as_in_the_template():
    assert labels(load("stages")["stages"]) == STAGES
    assert labels(load("supports")["supports"]) == SUPPORTS
    assert labels(load("types")["types"]) == TYPES
    assert labels(load("touchpoints")["touchpoints"]) == TOUCHPOINTS
    channels = load("channels")
    assert labels(channels["groups"]) == list(GROUPS)
    by_group = {g["id"]: g["label"] for g in channels["groups"]}
    grouped: dict[str, list[str]] = {}
    for channel in channels["channels"]:
        grouped.setdefault(by_group[channel["group"]], []).append(channel["label"])
    assert grouped == GROUPS


def test_stage_descriptions_are_the_templates():
    stages = {s["label"]: s["description"] for s in load("stages")["stages"]}
    for name, description in STAGE_DESCRIPTIONS.items():
        assert stages[name] == description


def test_channel_examples_come_from_the_template():
    channels = {c["label"]: c.get("description", "") for c in load("channels")["channels"]}
    assert channels["Presse écrite"] == "journaux, magazines, revues..."
    assert channels["Publicité en ligne"] == "bannières, Google Adwords, sites référents..."
    assert channels["Plateformes individuelles"] == "site internet, e-shop, blog, intranet..."


def test_ids_are_stable_slugs_and_unique_and_every_entry_is_translated():
    support_ids: list[str] = []
    for name, arrays in (("stages", ["stages"]), ("supports", ["supports"]), ("channels", ["groups", "channels"]),
                         ("types", ["types"]), ("touchpoints", ["touchpoints"])):
        data = load(name)
        for array in arrays:
            ids = [e["id"] for e in data[array]]
            assert len(ids) == len(set(ids)), (name, array)
            for entry in data[array]:
                assert SLUG.match(entry["id"]), entry["id"]
                assert entry["label_en"].strip(), entry["id"]
            if name in ("supports", "touchpoints"):
                support_ids += ids
    assert len(support_ids) == len(set(support_ids)), "a support and a touchpoint share an id"
