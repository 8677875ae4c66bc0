"""The Scenario page tests run the real app on the synthetic fixture store (tests/app)."""

from tests.app.conftest import app, fixture_db_url  # noqa: F401
