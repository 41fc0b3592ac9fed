"""The quality gate: checks on each release's frames before it is loaded, and on the whole build before it is
published (``sql/checks``)."""
