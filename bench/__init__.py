"""Benchmarks for Ketenmonitor (`make bench`); not part of `make test` except a tiny smoke run."""
