"""Reference tables shipped with reportmine (English local authorities) and lookups over them."""
