"""Test alias of :mod:`geldstromen.bench.pgcluster` (the throwaway PostgreSQL helper)."""

from geldstromen.bench.pgcluster import free_port, fresh_database, throwaway_postgres

__all__ = ["fresh_database", "free_port", "throwaway_postgres"]
