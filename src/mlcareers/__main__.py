"""Run the command line as `python -m mlcareers`."""

from mlcareers.entry import main

main()
