"""Finding things: one search index over tasks, meetings, decided items, documents and plans, kept
current on every write (hook.py), Chinese cut into overlapping character pairs (terms.py); what a
person finds is only what they may open (found.py). docs/SEARCH.md tells how."""
