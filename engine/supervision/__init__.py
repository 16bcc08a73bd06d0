"""Supervision of decided items (督办): docs/SUPERVISION.md."""
