"""Publishing and handing out X3DH prekeys (X3DH §3.2)."""
