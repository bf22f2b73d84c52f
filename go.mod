module github.com/khabar-nlp/khabar

go 1.26.0

require golang.org/x/text v0.44.0

require github.com/agnivade/levenshtein v1.2.2
