"""GDPR self-service: GET /me/export, DELETE /me and `python -m app.cli purge-retained`."""
