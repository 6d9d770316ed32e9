"""The summary's count columns print exactly what the Rich table they stand in for prints."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from tui.output.summary_view import Counts

LABELS = st.text(alphabet=st.sampled_from("abcdéèÉ -–'çœ😀漢"), min_size=0, max_size=40)
ROWS = st.lists(st.tuples(LABELS, st.integers(0, 10_000), st.sampled_from([True, False, None])), min_size=1, max_size=12)


def _printed(renderable, width: int) -> str:
    console = Console(width=width, record=True, color_system="standard", force_terminal=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text(styles=True)


@settings(max_examples=150, deadline=None)
@given(ROWS, st.integers(4, 120))
def test_counts_print_as_the_table_would(rows, width):
    counts = Counts.of(rows)
    assert _printed(counts, width) == _printed(counts.table(), width)
