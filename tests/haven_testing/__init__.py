"""Shared test machinery: real databases per run, real server processes on loopback."""
