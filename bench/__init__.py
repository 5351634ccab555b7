"""Benchmark of the build and check cost at library scale (`make bench`)."""
