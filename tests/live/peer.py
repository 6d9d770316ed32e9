"""A headless participant for the process tests: `python peer.py MAP NAME`, commands on stdin.

Each stdin line is a JSON command; each answer a JSON line on stdout:
- {"do": "apply", "edit": {...}}      ask for an edit (answers {"ok": true})
- {"do": "state"}                     {"role", "connected", "version", "title", "who", "dirty", "people"}
- {"do": "save"}                      ask for a save
- {"do": "leave"}                     leave the session and exit
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tui.core.document import MapDocument
from tui.core.edits import Edit
from tui.core.live.link import Link


def main() -> None:
    path, name = Path(sys.argv[1]), sys.argv[2]
    link = Link.open(path, MapDocument.load(path), name=name)
    print(json.dumps({"ready": link.role}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        match command["do"]:
            case "apply":
                link.apply(Edit.decode(command["edit"]))
                answer: dict = {"ok": True}
            case "save":
                link.save()
                answer = {"ok": True}
            case "state":
                version, jmap = link.current()
                answer = {"role": link.role, "connected": link.connected, "version": version, "title": jmap.title,
                          "who": [tp.who for stage in jmap.stages for tp in stage.touchpoints],
                          "dirty": link.dirty, "people": len(link.presence.participants)}
            case "leave":
                link.leave()
                print(json.dumps({"ok": True}), flush=True)
                return
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
