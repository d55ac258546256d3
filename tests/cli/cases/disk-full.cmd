$BIN/redact fixtures/demo/interview.txt > /dev/full
