"""`python -m reportmine ...` runs the command line, as the `reportmine` script does."""

from reportmine.cli import app

app()
