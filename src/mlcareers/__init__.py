"""mlcareers: explore machine-learning careers (pay, skills, cities, paths) from the terminal."""

__version__ = "4.2.0"
