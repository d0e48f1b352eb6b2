"""Kein Kind zurücklassen! — site generator core (load → validate → model → render)."""
