"""Alerts: see router.py for the endpoints and service.py for the rules."""
