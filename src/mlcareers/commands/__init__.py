"""The commands, one module per family: pay, career, official. `registry` lists them all
for --help and completion without importing any; a command's module is imported when it runs.
Each command's help stands beside it, in the decorator that registers it."""
