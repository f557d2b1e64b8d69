"""Training and cross-validated evaluation of the findings classifier (`reportmine train`)."""
