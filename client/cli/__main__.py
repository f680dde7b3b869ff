"""`python -m client.cli`: the same as the installed `haven` command."""

from client.cli import main

main()
