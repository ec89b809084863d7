"""The store tests' archive locations (SQLite, and PostgreSQL when a server can be had) for tracking."""

from __future__ import annotations

from ..store.conftest import location, postgres_server, postgres_url

__all__ = ["location", "postgres_server", "postgres_url"]
