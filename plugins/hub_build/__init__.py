"""hub_build: the build driver behind `make html`, `make publish`, `make check` and `make serve`.

Reads a settings file and a content folder. Writes the output folder atomically: Pelican builds into a
staging folder that replaces the output only when the whole build succeeded. Not a Pelican plugin; it
runs Pelican.
"""
