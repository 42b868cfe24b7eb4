"""Each command's result described once, as a Report that every output format is drawn from."""
