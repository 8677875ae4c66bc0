"""Test alias of :mod:`geldstromen.pgcluster` (the throwaway PostgreSQL helper)."""

from geldstromen.pgcluster import free_port, fresh_database, throwaway_postgres

__all__ = ["fresh_database", "free_port", "throwaway_postgres"]
