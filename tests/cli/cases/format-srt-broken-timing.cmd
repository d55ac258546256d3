$BIN/redact -f srt fixtures/formats/bad/broken-timing.srt
