"""The code's version (the data's version is separate: see ``ilrs.DATA_VERSION``)."""

__version__ = "0.3.0"
