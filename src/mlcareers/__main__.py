"""Run the command line as `python -m mlcareers`."""

from mlcareers.cli import main

main()
