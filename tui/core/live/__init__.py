"""Several people on one map: a live session.

The first editor on a map hosts it: its `Session` is the one copy, and every
later editor on the same file (a terminal, a browser tab through `serve`, a
`parcours join` from elsewhere) is a participant that sends what it wants done
and shows what the host broadcasts. Textual-free, like the rest of the core.

- `protocol`: the messages, one JSON object a line, read strictly (hostile input);
- `channel`: a connection that carries them, with a size cap;
- `admit`: what a participant's edit may say before the host applies it;
- `hub`: the host's rules: order, apply, journal then broadcast, undo per author;
- `replica`: a participant's copy of the map, kept by the broadcast changes;
- `rendezvous`: where a map's session listens, and who hosts it (a lock);
- `link`: the one object a face talks to, alone, hosting or joined.
"""
