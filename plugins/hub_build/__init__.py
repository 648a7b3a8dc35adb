"""hub_build: the command line behind `make html`, `publish`, `check`, `serve`, `new` and `devserver`.

Reads a settings file and a content folder. Writes the output folder atomically: Pelican builds into a
staging folder that replaces the output only when the whole build succeeded. Not a Pelican plugin; it
runs Pelican. Also: `new` writes the skeleton of a new document or jurisdiction (scaffold.py), `check`
can print GitHub Actions annotations (annotations.py), and `devserver` rebuilds on every save and
reloads the browser (devserver.py, with devhandler.py, livereload.py, rebuilds.py, watch.py
and assets/).
"""
