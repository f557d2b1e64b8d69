"""Pure parsers for numbers, money and dates: no state, no I/O, table-tested."""
