"""The grid's rows as arithmetic (`Rows`) say exactly what a list of one `Row` per row says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.output.cells import Row, Rows, first_row_of_stage, row_index


def _listed(counts: list[int]) -> list[Row]:
    rows: list[Row] = []
    for stage, count in enumerate(counts):
        rows.extend([Row(stage, t) for t in range(count)] if count else [Row(stage, None)])
    return rows


def _index(rows: list[Row], stage: int, touchpoint: int | None) -> int:
    for index, row in enumerate(rows):
        if row.stage == stage and (touchpoint is None or row.touchpoint == touchpoint):
            return index
    return next((i for i, row in enumerate(rows) if row.stage == stage), max(0, len(rows) - 1))


COUNTS = st.lists(st.integers(0, 6), max_size=8)


@given(COUNTS)
def test_rows_are_the_list_of_rows(counts):
    rows, listed = Rows(counts), _listed(counts)
    assert len(rows) == len(listed) and list(rows) == listed
    assert [rows[i] for i in range(len(rows))] == listed
    assert [rows[-i] for i in range(1, len(rows) + 1)] == [listed[-i] for i in range(1, len(listed) + 1)]
    assert rows[1:4] == listed[1:4]


@given(COUNTS, st.integers(-1, 9), st.one_of(st.none(), st.integers(-1, 7)))
def test_a_touchpoint_s_row_is_found_by_addition(counts, stage, touchpoint):
    rows, listed = Rows(counts), _listed(counts)
    if stage < 0:
        return
    assert row_index(rows, stage, touchpoint) == _index(listed, stage, touchpoint)
    assert first_row_of_stage(rows, stage) == _index(listed, stage, None)
