$BIN/redact fixtures
