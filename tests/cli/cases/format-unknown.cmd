$BIN/redact -f docx fixtures/demo/interview.txt
