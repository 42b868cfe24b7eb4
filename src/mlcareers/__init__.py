"""mlcareers: explore machine-learning careers (pay, skills, cities, paths) from the terminal."""

__version__ = "2.0.0"
