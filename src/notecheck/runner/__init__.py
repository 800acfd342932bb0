"""What exists for speed or for writing files: the cache and its plain-data codec, the
process pool, the early vault phase, the run itself, the fix loop."""
