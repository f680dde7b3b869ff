"""Deployment administration: the first admin, staff role invites and revocations, the audit log."""
