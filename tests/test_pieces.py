"""A map's text as pieces (#14.8), proofs that cost what changed (#12.4), saves that read right
in a diff (#14.5).

The properties, on generated hand-written maps (comments, CRLF, BOM, no final
newline, inline and empty arrays) and any sequence of edits:

- the pieces mean what the whole text means (tomllib reads both the same);
- the proof of the pieces and the proof of the whole text agree, on the same bytes;
- a tampered piece (a line added or removed anywhere) is never proven when the
  whole text would not read back as the model: the incremental proof is as strong.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tui.core.document import MapDocument
from tui.core.edits import InsertStage, InsertTouchpoint, MoveStage, MoveTouchpoint, SetTouchpointField
from tui.core.history import History
from tui.core.model import JourneyMap
from tui.core.pieces import WHOLE, Piece, load
from tui.core.proof import UnprovenSave, prove, prove_bytes

from test_properties import _session, documents
from test_save_proof import maps

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATH = Path("carte.toml")
TEXTS = st.one_of(documents(), maps())


def whole_read(text: str) -> JourneyMap:
    return JourneyMap.from_data(tomllib.loads(text.removeprefix("\ufeff")))


def is_whole(document: MapDocument) -> bool:
    return document.snapshot().head.kind == WHOLE


# -- saves that read right in a diff ------------------------------------------------------------

COMMENTED = """schema = 1
title = "Concert"

# ---- Avant l'achat ----
[[stages]]
id = "decouverte"
name = "Découverte"

[[stages.touchpoints]]
channel = "reseaux-sociaux"
who = "Marketing"

# ---- Achat ----
[[stages]]
id = "achat"
name = "Achat"

[[stages.touchpoints]]
channel = "site-web"
who = "Billetterie"
"""


def test_a_new_touchpoint_goes_before_the_next_stages_comment(tmp_path):
    path = tmp_path / "carte.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    document = MapDocument.load(path)
    document.apply(InsertTouchpoint("decouverte", "t1", (("channel", "affichage"), ("who", ""))))
    document.save()
    assert path.read_bytes() == COMMENTED.replace(
        'who = "Marketing"\n\n# ---- Achat',
        'who = "Marketing"\n\n[[stages.touchpoints]]\nchannel = "affichage"\nwho = ""\n\n# ---- Achat',
    ).encode("utf-8")


def test_a_new_stage_goes_before_the_next_stages_comment(tmp_path):
    path = tmp_path / "carte.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    document = MapDocument.load(path)
    document.apply(InsertStage("decouverte", (("id", "x"), ("name", "X"))))
    document.save()
    assert path.read_bytes() == COMMENTED.replace(
        'who = "Marketing"\n\n# ---- Achat',
        'who = "Marketing"\n\n[[stages]]\nid = "x"\nname = "X"\n\n# ---- Achat',
    ).encode("utf-8")


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_a_key_added_to_a_touchpoint_follows_its_last_key(tmp_path, crlf):
    text = COMMENTED.replace("\n", "\r\n") if crlf else COMMENTED
    path = tmp_path / "carte.toml"
    path.write_bytes(text.encode("utf-8"))
    document = MapDocument.load(path)
    document.apply(SetTouchpointField("t1", "emotion", 1))  # followed by a blank line and a comment
    document.apply(SetTouchpointField("t2", "emotion", -1))  # the last line of the file
    document.save()
    expected = (COMMENTED.replace('who = "Marketing"\n', 'who = "Marketing"\nemotion = 1\n')
                .replace('who = "Billetterie"\n', 'who = "Billetterie"\nemotion = -1\n'))
    assert path.read_bytes() == (expected.replace("\n", "\r\n") if crlf else expected).encode("utf-8")


def test_the_last_touchpoint_of_a_file_without_final_newline_gets_its_key_on_a_line_of_its_own():
    text = COMMENTED.removesuffix("\n")
    document = MapDocument.from_text(PATH, text)
    inverse = document.apply(SetTouchpointField("t2", "emotion", 2))
    assert document.text() == text + "\nemotion = 2"
    document.apply(inverse)
    assert document.text() == text


# -- how a text is cut ---------------------------------------------------------------------------


def test_a_usual_map_is_cut_at_each_stage_and_touchpoint_with_its_comment():
    snapshot = MapDocument.from_text(PATH, COMMENTED).snapshot()
    assert [len(touchpoints) for _, touchpoints in snapshot.groups] == [1, 1]
    assert snapshot.groups[1][0].text.startswith("# ---- Achat ----\n[[stages]]\n")
    assert snapshot.groups[0][1][0].text.endswith('who = "Marketing"\n\n')
    assert "".join(p.text for p in snapshot.pieces()) == COMMENTED


def test_a_comment_that_hangs_under_keys_stays_with_them():
    text = COMMENTED.replace('who = "Marketing"\n\n', 'who = "Marketing"\n# à revoir\n\n')
    snapshot = MapDocument.from_text(PATH, text).snapshot()
    assert snapshot.groups[0][1][0].text.endswith('who = "Marketing"\n# à revoir\n\n')
    assert snapshot.groups[1][0].text.startswith("# ---- Achat ----\n")


FALSE_HEADER = COMMENTED.replace('who = "Marketing"', 'who = """Marketing\n[[stages.touchpoints]]\n[autre]"""')
NESTED_ARRAY = COMMENTED.replace('who = "Marketing"', 'who = "Marketing"\nnotes = [\n[1, 2],\n]')
UNUSUAL = {
    "inline stages": 'schema = 1\ntitle = "x"\nstages = [{ id = "a", name = "A" }]\n',
    "inline touchpoints": COMMENTED.replace('name = "Achat"\n', 'name = "Achat"\ntouchpoints = []\n', 1)
                                   .split("\n[[stages.touchpoints]]\nchannel = \"site-web\"")[0] + "\n",
    "table after the stages": COMMENTED + '\n[persona]\nname = "Zoé"\n',
    "header inside a multi-line string": FALSE_HEADER,
    "array of arrays on several lines": NESTED_ARRAY,
}


@pytest.mark.parametrize("text", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_an_unusual_shape_is_read_and_edited_whole(text, tmp_path):
    document = MapDocument.from_text(PATH, text)
    assert is_whole(document)
    assert document.map == whole_read(text)
    history = History(document)
    stage = document.map.stages[-1].id
    history.do(InsertTouchpoint(stage, None, (("who", "Nouveau"),)))
    history.do(InsertStage(stage, (("id", "z"), ("name", "Z"))))
    path = tmp_path / "carte.toml"
    document.save(path)
    assert MapDocument.load(path).map == document.map
    while history.undo():
        pass
    assert document.text() == text


def test_a_quoted_header_is_read_whole():
    text = COMMENTED.replace('[[stages]]\nid = "achat"', '[["stages"]]\nid = "achat"')
    document = MapDocument.from_text(PATH, text)
    assert is_whole(document)
    assert document.map == whole_read(text)


def test_headers_spaced_inside_their_brackets_are_cut_too():
    text = COMMENTED.replace("[[stages.touchpoints]]", "[[ stages . touchpoints ]]  # un point")
    document = MapDocument.from_text(PATH, text)
    assert not is_whole(document)
    assert document.map == whole_read(text)


# -- the properties --------------------------------------------------------------------------------


@SETTINGS
@given(text=TEXTS)
def test_the_pieces_mean_what_the_whole_text_means(text):
    jmap, pieces = load(PATH, text)
    assert jmap == whole_read(text)
    assert pieces.snapshot().text() == text


@SETTINGS
@given(text=TEXTS, data=st.data())
def test_the_proof_of_the_pieces_and_the_whole_proof_agree(text, data):
    document, history = _session(data, text, PATH)
    snapshot = document.snapshot()
    event("whole" if snapshot.head.kind == WHOLE else "pieces")
    written = prove(PATH, snapshot, document.map)
    assert written == snapshot.text().encode("utf-8")
    prove_bytes(PATH, written, document.map)  # the whole proof accepts the same bytes
    assert prove(PATH, snapshot, document.map) == written  # proven pieces stay proven
    while history.undo():
        pass
    assert document.text() == text


LINES = ["[[stages]]", "[[stages.touchpoints]]", "[autre]", "who = 'z'", "emotion = 9", "emotion = 1",
         '"""', "# c", "", "x.y = 1", "stages = 1", "touchpoints = []", "id = 'a'", "name = ''", "title = 'T'"]


@SETTINGS
@given(text=TEXTS, data=st.data())
def test_a_tampered_piece_is_proven_only_when_the_whole_text_reads_back_as_the_model(text, data):
    document, _ = _session(data, text, PATH)
    snapshot = document.snapshot()
    pieces = snapshot.pieces()
    number = data.draw(st.integers(0, len(pieces) - 1), label="piece")
    piece = pieces[number]
    lines = piece.text.splitlines(keepends=True)
    at = data.draw(st.integers(0, len(lines)), label="line")
    offset = sum(len(line) for line in lines[:at])
    if lines and at < len(lines) and data.draw(st.booleans(), label="remove"):
        removed = lines.pop(at)
        start = piece.start - len(removed) if offset < piece.start else piece.start
    else:
        added = data.draw(st.sampled_from(LINES), label="added") + "\n"
        lines.insert(at, added)
        start = piece.start + len(added) if offset < piece.start else piece.start
    tampered = _replace(snapshot, number, Piece(piece.kind, "".join(lines), max(start, 0)))
    try:
        written = prove(PATH, tampered, document.map)
    except UnprovenSave:
        event("refused")
        return
    event("proven")
    prove_bytes(PATH, written, document.map)  # raises if the pieces' proof was fooled


def _replace(snapshot, number: int, piece: Piece):
    if number == 0:
        return snapshot.replace(head=piece)
    count = 0
    groups = []
    for stage, touchpoints in snapshot.groups:
        count += 1
        if count == number:
            stage = piece
        new = []
        for touchpoint in touchpoints:
            count += 1
            new.append(piece if count == number else touchpoint)
        groups.append((stage, tuple(new)))
    return snapshot.replace(groups=tuple(groups))


def test_a_save_reads_back_only_the_piece_an_edit_wrote(map_copy, monkeypatch):
    import tui.core.proof as proof

    path = map_copy()
    document = MapDocument.load(path)
    document.apply(SetTouchpointField("t3", "who", "Équipe"))
    read, loads = [], tomllib.loads
    monkeypatch.setattr(proof.tomllib, "loads", lambda text: read.append(text) or loads(text))
    document.save()
    assert len(read) == 1 and 'who = "Équipe"' in read[0]
    document.save(force=True)  # nothing new to read
    assert len(read) == 1
    assert MapDocument.load(path).map == document.map


def test_moves_keep_every_piece_as_it_was():
    document = MapDocument.from_text(PATH, COMMENTED)
    before = {p.text for p in document.snapshot().pieces()}
    document.apply(MoveTouchpoint("t1", "achat", "t2"))
    document.apply(MoveStage("achat", None))
    assert {p.text for p in document.snapshot().pieces()} == before
    assert document.map == whole_read(document.text())
