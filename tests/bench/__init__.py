"""Benchmark tooling: generate large content folders and time the hub against vanilla Pelican and Hugo;
measure the demo's page weight, Lighthouse scores and screenshots.

`python -m tests.bench.generate OUT --documents N` writes a content folder; `python -m tests.bench.run`
(or `make bench`) measures builds and writes bench.json. `make budget` (budget.py), `make lighthouse`
(lighthouse.py, with the pinned Lighthouse in lighthouse/) and `make screenshots` (screenshots.py) load
the demo's pages in Debian's Chromium. Nothing here runs in `make test` except the quick checks in
tests/test_bench.py and tests/test_bench_tools.py.
"""
