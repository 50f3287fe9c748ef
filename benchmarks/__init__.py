"""Runnable benchmarks of the hub: ``python -m benchmarks`` runs them all (see README.md)."""
