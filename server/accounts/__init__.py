"""What concerns an account across domains: deleting it, and ending what a staff role allowed when the role
goes. It imports the domains (identity, groups, counseling, alerts, audit); none of them imports it, so the
domains keep one-way dependencies (docs/architecture.md)."""
