"""The summary `show`, the preview pane and the exports share: counts, channels, curve, gaps."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests_support import EXAMPLE
from tui.core.catalogue import load_catalogues
from tui.core.document import MapDocument
from tui.core.model import JourneyMap, Persona, Stage, Touchpoint
from tui.output.summary import Count, GroupCount, Spot, StageLine, Summary, summarize
from tui.output.i18n import use_language

CATALOGUES = load_catalogues(None)


def tp(channel: str = "", support: str = "", type: str = "", who: str = "x", emotion: int | None = None,
       pain: str = "", opportunity: str = "") -> Touchpoint:
    return Touchpoint(channel=channel, support=support, type=type, who=who, emotion=emotion, pain=pain, opportunity=opportunity)


SMALL = JourneyMap(
    title="Petite carte",
    persona=Persona("Zoé"),
    stages=(
        Stage("a", "Découverte", touchpoints=(
            tp("radio", "affiches", "promotionnelle", emotion=2),
            tp("radio", "annonces", "promotionnelle", who="", emotion=-1, pain="Trop fort"),
            tp("pigeon", "panier-d-achat", "technique", opportunity="Plus de pigeons"),
        )),
        Stage("b", "Vide"),
        Stage("c", "", touchpoints=(tp("applications-mobiles", "bizarre", "drole", who=" ", emotion=0),)),
    ),
)


def test_per_stage_counts_and_mean_feelings():
    summary = summarize(SMALL, CATALOGUES)
    assert summary.stages == (
        StageLine("a", "Découverte", 3, 0.5),
        StageLine("b", "Vide", 0, None),
        StageLine("c", "c", 1, 0.0),
    )
    assert summary.touchpoints == 4
    assert summary.curve == (0.5, None, 0.0)
    assert summary.emotion == pytest.approx(0.25)


def test_channels_by_group_with_values_outside_the_catalogue_apart():
    assert summarize(SMALL, CATALOGUES).groups == (
        GroupCount("Médias traditionnels", (Count("Radio", 2),)),
        GroupCount("Hors médias WEB", (Count("Applications mobiles", 1),)),
        GroupCount("Hors catalogue", (Count("pigeon", 1),)),
    )
    use_language("en")
    english = summarize(SMALL, CATALOGUES).groups
    assert [g.label for g in english] == ["Traditional media", "Web below-the-line", "Not in the catalogue"]
    assert english[-1].count == 1


def test_types_in_catalogue_order_then_the_unknown():
    assert summarize(SMALL, CATALOGUES).types == (
        Count("Technique", 1), Count("Promotionnelle", 2), Count("drole", 1),
    )


def test_gaps():
    summary = summarize(SMALL, CATALOGUES)
    assert summary.empty_stages == ("Vide",)
    assert summary.without_who == (Spot("Découverte", 2), Spot("c", 1))
    assert summary.unknown == (
        Spot("Découverte", 3, "channel", "pigeon"),
        Spot("c", 1, "support", "bizarre"),
        Spot("c", 1, "type", "drole"),
    )
    assert summary.gaps == 6


def test_pain_points_and_opportunities():
    summary = summarize(SMALL, CATALOGUES)
    assert summary.pains == (Spot("Découverte", 2, "pain", "Trop fort"),)
    assert summary.opportunities == (Spot("Découverte", 3, "opportunity", "Plus de pigeons"),)


def test_an_empty_map():
    summary = summarize(JourneyMap(title="Rien"), CATALOGUES)
    assert summary == Summary((), (), (), (), (), (), (), ())
    assert summary.touchpoints == 0 and summary.emotion is None and summary.gaps == 0


def test_a_summary_is_frozen_data():
    summary = summarize(SMALL, CATALOGUES)
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.stages = ()  # type: ignore[misc]
    assert summary == summarize(SMALL, CATALOGUES)
    assert hash(summary) == hash(summarize(SMALL, CATALOGUES))


@pytest.mark.parametrize(
    ("group", "label"),
    [("hors-medias-traditionnel", "Hors médias traditionnel"), ("pas-un-groupe", "Sans groupe")],
)
def test_a_project_catalogue_makes_a_channel_known(tmp_path: Path, group: str, label: str):
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "channels.toml").write_text(
        f'[[channels]]\nid = "pigeon"\nlabel = "Pigeon voyageur"\nlabel_en = "Carrier pigeon"\ngroup = "{group}"\n',
        encoding="utf-8",
    )
    summary = summarize(SMALL, load_catalogues(tmp_path / "m.toml"))
    assert GroupCount(label, (Count("Pigeon voyageur", 1),)) in summary.groups
    assert "Hors catalogue" not in [g.label for g in summary.groups]
    assert Spot("Découverte", 3, "channel", "pigeon") not in summary.unknown


def test_the_concert_example():
    jmap = MapDocument.load(EXAMPLE).map
    summary = summarize(jmap, load_catalogues(EXAMPLE))
    assert [s.touchpoints for s in summary.stages] == [2, 2, 2, 3, 2, 3, 2, 2, 2, 1]
    assert [s.emotion for s in summary.stages][:3] == [1.5, 1.0, 0.0]
    assert summary.touchpoints == 21
    assert sum(g.count for g in summary.groups) == 21
    assert sum(t.count for t in summary.types) == 21
    assert summary.empty_stages == () and summary.unknown == ()
    assert summary.without_who == (Spot("Utilisation", 3), Spot("Recommandation", 2))
    assert len(summary.pains) == 7 and len(summary.opportunities) == 10


# --- one way to write a feeling ----------------------------------------------------------------

from tui.output.faces import Faces, Feeling  # noqa: E402


@pytest.mark.parametrize(
    ("feeling", "text", "label"),
    [
        (Feeling(2), "+2", "😄 +2"), (Feeling(-1), "-1", "🙁 -1"), (Feeling(0), "0", "😐 0"), (Feeling(None), "", "·"),
        (Feeling(1.5, mean=True), "+1.5", "😄 +1.5"), (Feeling(-0.5, mean=True), "-0.5", "😐 -0.5"),
        (Feeling(0.0, mean=True), "0.0", "😐 0.0"), (Feeling(-0.04, mean=True), "0.0", "😐 0.0"),
        (Feeling(0.04, mean=True), "0.0", "😐 0.0"), (Feeling(2 / 3, mean=True), "+0.7", "🙂 +0.7"),
    ],
)
def test_a_feeling_has_one_text(feeling, text, label):
    assert (feeling.text, feeling.label(Faces())) == (text, label)


def test_faces_cell_is_the_same_text_aligned_for_a_column():
    assert [Faces().cell(s) for s in (-2, 0, 1, None)] == ["😡 -2", "😐  0", "🙂 +1", "·"]
    assert Faces(ascii=True).cell(0) == ":|  0"


NEUTRAL = JourneyMap(title="Neutre", stages=(Stage("a", "A", touchpoints=(tp(emotion=1), tp(emotion=-1))),))


def test_show_the_preview_and_every_export_write_a_neutral_mean_alike():
    import io

    from rich.console import Console

    from tui.output.formats import Source, renderer
    from tui.output.render import render_map
    from tui.output.summary_view import render_summary

    summary = summarize(NEUTRAL, CATALOGUES)
    assert summary.totals(Faces()) == "2 points de contact sur 1 étape · émotion moyenne 😐 0.0"

    def printed(renderable) -> str:
        console = Console(width=100, file=io.StringIO(), color_system=None)
        console.print(renderable)
        return console.file.getvalue()

    texts = {
        "show": printed(render_map(NEUTRAL, CATALOGUES, summary, Faces(), 100)),
        "preview": printed(render_summary(summary, Faces())),
        **{fmt: renderer(fmt)(Source(NEUTRAL, CATALOGUES)) for fmt in ("markdown", "html")},
    }
    for name, text in texts.items():
        assert "émotion moyenne 😐 0.0" in text, name
        assert "+0.0" not in text, name
