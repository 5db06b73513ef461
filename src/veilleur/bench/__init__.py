"""Benchmarks: a synthetic French corpus (``corpus``) and throughput/memory runs (``run``).

Figures are printed, never asserted: see ``veilleur bench --help``.
"""
