"""Edit operations on a map: each one changes the TOML and the model, and returns its inverse.

Because every `apply` hands back the edit that undoes it, undo and redo are a
pair of stacks (`tui.core.history`) and a journal of edits can be replayed after a
crash. Each type is one class in this package that registers itself in
`Edit.types` (see `tui.core.edits.base`): adding a kind of edit is one class.
"""

from tui.core.edits.base import Edit, Footprint, ItemGone, Values
from tui.core.edits.map_edits import RemovePersona, SetMapField, SetPersonaField
from tui.core.edits.stage_edits import DeleteStage, InsertStage, MoveStage, SetStageField
from tui.core.edits.touchpoint_edits import DeleteTouchpoint, InsertTouchpoint, MoveTouchpoint, SetTouchpointField

__all__ = [
    "DeleteStage", "DeleteTouchpoint", "Edit", "Footprint", "InsertStage", "InsertTouchpoint", "ItemGone",
    "MoveStage", "MoveTouchpoint", "RemovePersona", "SetMapField", "SetPersonaField", "SetStageField",
    "SetTouchpointField", "Values",
]
