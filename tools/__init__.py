"""Maintenance scripts run by the Makefile (`python tools/release.py …`); a package so that tests import them."""
