printf 'Tamsin Okonjo\377 rang\n' | $BIN/redact
