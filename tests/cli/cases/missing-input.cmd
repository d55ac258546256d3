$BIN/redact fixtures/no-such-file.txt
