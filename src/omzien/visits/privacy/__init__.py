"""Privacy of the home visits (issue 11, item 7): erasing a round's addresses at its
retention (``retention.py``)."""
