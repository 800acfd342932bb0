"""Citations checked against the transcript (NC207) and the claims grammar."""
