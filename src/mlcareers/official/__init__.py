"""Official statistics: BLS OEWS spreadsheets read into a local store, kept beside the article.

Nothing here is imported by a command that uses no official figure: start-up time matters.
"""
