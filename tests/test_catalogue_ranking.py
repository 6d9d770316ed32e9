"""The picker's ranking (`Catalogue.filter`): exact, label prefix, word start, substring."""

from __future__ import annotations

from tui.core.catalogue import Catalogue, Entry, load_catalogues, rank


def _catalogue(*labels: str) -> Catalogue:
    return Catalogue("test", tuple(Entry(id=f"e{n}", label=label) for n, label in enumerate(labels)))


def test_a_word_start_comes_before_a_match_inside_a_word():
    channels = load_catalogues().channels
    labels = [e.label for e in channels.filter("synchr")]
    assert labels.index("Communication synchrone") < labels.index("Communication asynchrone")


def test_exact_then_prefix_then_word_start_then_substring():
    catalogue = _catalogue("Réunions en ligne", "Une réunion", "Préréunion", "Réunion", "Réunionnais")
    assert [e.label for e in catalogue.filter("reunion")] == [
        "Réunion", "Réunions en ligne", "Réunionnais", "Une réunion", "Préréunion",
    ]


def test_accents_and_case_do_not_matter():
    catalogue = _catalogue("Évènements participatifs", "Emballage")
    assert [e.label for e in catalogue.filter("EVENE")] == ["Évènements participatifs"]
    assert rank("evenements participatifs", catalogue.entries[0]) == 0


def test_every_word_must_match_in_any_order():
    catalogue = _catalogue("Page d'accueil", "Page produit", "Accueil du magasin")
    assert [e.label for e in catalogue.filter("accueil page")] == ["Page d'accueil"]
    assert [e.label for e in catalogue.filter("pa acc")] == ["Page d'accueil"]
    assert catalogue.filter("page zzz") == []


def test_the_english_label_and_the_id_find_an_entry_too():
    supports = load_catalogues().supports
    assert supports.filter("posters")[0].id == "affiches"
    assert supports.filter("bannieres")[0].id == "bannieres"


def test_ties_keep_the_catalogue_order():
    catalogue = _catalogue("Forum B", "Forum A")
    assert [e.label for e in catalogue.filter("for")] == ["Forum B", "Forum A"]


def test_find_names_an_entry_exactly_or_nothing():
    types = load_catalogues().types
    assert types.find("technique").id == "technique"
    assert types.find("  PROMOTIONNELLE ").id == "promotionnelle"
    assert types.find("Promotional").id == "promotionnelle"
    assert types.find("techni") is None
    assert types.find("") is None
