"""Confidentiality (密级) of documents and attachments (the joint-meeting rules §六(六)):
the levels and who may read each (`levels`), and setting a level (`setting`).
docs/CONFIDENTIALITY.md."""
