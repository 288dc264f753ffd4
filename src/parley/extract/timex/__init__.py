"""The rule-based temporal tagger behind ``parley.extract.times``.

``patterns`` finds expressions with one regular expression per kind, ``normalise`` maps
each match to a TimeML value (``dates`` for calendar names, ``relative`` for expressions read
against the anchor or an earlier mention), ``calendar`` does the arithmetic on TimeML values
and ``words`` holds the word lists.
"""
