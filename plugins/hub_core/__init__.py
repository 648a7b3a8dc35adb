"""hub_core: what every plugin of the hub may share, and nothing about content or pages.

Reads and writes nothing itself. `context` names the keys plugins share values under; `views` is the
typed model of a page (`PageView`), which hub_pages plans and every later step reads, and the hook
through which plugins add their part to it (`ViewParts`); `outputs` is the build's registry of output
paths, through which every file of the site is claimed and written; `cache`
and `fingerprint` are where caches live and how their keys are made; `hardlinks` takes the last
build's files into the new one as hard links; `workers` spreads work over the
cores and holds background work. No Pelican import at module level, so `make check` stays light.
"""
