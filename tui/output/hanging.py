"""A hanging row: a head, then a body whose wrapped lines align under the body, not the head.

`show` prints thousands of such rows (touchpoint blocks, the summary's lists);
one small renderable draws them, where a Rich table per row was the slowest
part of printing a large map.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from tui.output.faces import Faces, Feeling


@dataclass(frozen=True)
class Hanging:
    """Rows of a head and a body, each body wrapped in the column `indent` cells in.

    What a two-column grid would draw, without a Rich table per row: a map of
    thousands of touchpoints prints in a fraction of the time.
    """

    rows: tuple[tuple[Text, Text], ...]
    indent: int

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - self.indent)
        blank = Text(" " * self.indent)
        for head, body in self.rows:
            if cell_len(body.plain) <= width and "\n" not in body.plain:
                lines = [body.copy()]  # fits: Rich's wrap is the slowest step, and not needed
            else:
                lines = body.wrap(console, width, overflow="fold") if body.plain else [Text()]
            for number, line in enumerate(lines):
                if number == 0:
                    lead = head.copy()
                    lead.truncate(self.indent, pad=True)
                else:
                    lead = blank
                yield from lead.render(console)
                line.rstrip()
                yield from line.render(console)
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cell_len(body.plain) for _, body in self.rows), default=0)
        return Measurement(self.indent + 1, min(options.max_width, self.indent + longest))


def hanging(head: Text, body: Text | str) -> Hanging:
    """`head` then `body`, wrapped lines aligned under the body rather than under the head."""
    return Hanging(((head, body if isinstance(body, Text) else Text(body)),), cell_len(head.plain))


def mean_column(feeling: Feeling, faces: Faces) -> str:
    """A mean in a column: the feeling's own text, its number right-aligned (`😐  0.0` under `😄 +1.5`)."""
    return feeling.face(faces) if feeling.value is None else f"{feeling.face(faces)} {feeling.text:>4}"
