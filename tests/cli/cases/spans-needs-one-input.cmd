$BIN/redact --spans build/cli/x.csv fixtures/demo/interview.txt fixtures/demo/interview.txt
