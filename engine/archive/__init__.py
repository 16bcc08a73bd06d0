"""The archive (归档, the joint-meeting rules §六(六)): a finished record closed into one package
that nobody can change afterwards (docs/ARCHIVE.md)."""
