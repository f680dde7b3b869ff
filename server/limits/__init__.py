"""Abuse limits as the callers see them (`interface`), kept in this process (`local`) or shared by every relay
process through Redis (`keys`, `scripts`, `store`, `bucket`, `difficulty`); `build` picks one per deployment."""
