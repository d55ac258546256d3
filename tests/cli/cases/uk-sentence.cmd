printf "I'm Siân O'Neill-Davies, I'm 34, I work on Woodlands ward for NSFT in Ipswich, you can reach me on siân.od@nsft.nhs.uk or +44 7700 900123, NHS number 943 476 5919.\n" | $BIN/redact
