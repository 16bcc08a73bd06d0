"""Joint inspections (联合督查), joint enforcement (联合执法) and special rectification (专项整治):
a team of member units inspects, records what it finds, and reports (docs/INSPECTIONS.md)."""
