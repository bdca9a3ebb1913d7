"""The JSON Schemas of civdata's file formats, shipped beside this file: the one definition of
each format, which the loaders, the docs and editors all read."""

#: Every schema, by the name ``civdata schema NAME`` prints it under.
NAMES = ("rubric", "answers", "report")
