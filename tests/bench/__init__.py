"""Benchmark tooling: generate large content folders and time the hub against vanilla Pelican and Hugo.

`python -m tests.bench.generate OUT --documents N` writes a content folder; `python -m tests.bench.run`
(or `make bench`) measures builds and writes bench.json. Nothing here runs in `make test` except the quick
checks in tests/test_bench.py.
"""
