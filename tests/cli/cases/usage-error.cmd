$BIN/redact --no-such-option
