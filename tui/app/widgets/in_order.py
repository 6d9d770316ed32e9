"""Keys in the order they were typed, in the fields that edit text.

Textual types a printable key as soon as the focused field reads it, but runs
a field's ordinary bindings (backspace, ctrl+u, the arrows…) only when the key
has gone back up to the App, after the field has read the keys that came with
it. Typed fast, or bunched into one read over SSH, "ctrl+u Chat" then typed
"Chat" first and deleted it. So a field's bindings are made priority bindings
(the App runs them when it reads the key, before passing on the next one),
whose action waits in the field's own queue behind the keys read before it.

A field that is done (a commit, a cancel) can also `hold` the keys that still
reach it: they were typed for what comes next (the next cell after tab, the
grid after enter), and `release` sends them again, in order, once that is
there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual import events
from textual.binding import Binding, BindingType


def in_order(bindings: Iterable[BindingType], prefix: str = "") -> list[Binding]:
    """Priority bindings, one per key, that run each of `bindings`' actions in typing order (through
    the widget's `action_in_order`). A binding keeps its id; one without (Textual's own) gets one
    from `prefix`, its action and its key."""
    found = []
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        keys = [k.strip() for k in binding.key.split(",")]
        for key in keys:
            named = binding.id if binding.id and len(keys) == 1 else None
            found.append(Binding(key, f"in_order({key!r}, {binding.action!r})", show=False, priority=True,
                                 id=named or f"{prefix}-{_slug(binding.action)}-{_slug(key)}"))
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class InOrder:
    """A field whose bindings (made with `in_order`) run in typing order, and that can hold keys."""

    _held: list[tuple[str, str | None]] | None = None

    def action_in_order(self, key: str, action: str) -> None:
        self.call_later(self._in_order, key, action)  # type: ignore[attr-defined]

    async def _in_order(self, key: str, action: str) -> None:
        if not self.keep_if_held(key):
            await self.run_action(action)  # type: ignore[attr-defined]

    def keep_if_held(self, key: str, character: str | None = None) -> bool:
        """Keep `key` for later if this field holds the keys now; say whether it did."""
        if self._held is None:
            return False
        self._held.append((key, character))
        return True

    def hold(self) -> None:
        """Keep the keys that reach this field from now on: they are for what comes next."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Send the kept keys again, in order, to whatever holds the focus now."""
        held, self._held = self._held, None
        app = self.app  # type: ignore[attr-defined]
        for key, character in held or ():
            # From the App, as the driver sends keys: a key sent by a screen would not go back up
            # from the focused widget to the App, where the screen's bindings are looked up.
            app.post_message(events.Key(key, character).set_sender(app))

    def on_key(self, event: events.Key) -> None:
        if self.keep_if_held(event.key, event.character):
            event.prevent_default()  # not typed here (the field's own handler does not run)
            event.stop()
