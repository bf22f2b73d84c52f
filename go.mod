module github.com/khabar-nlp/khabar

go 1.26.0

require golang.org/x/text v0.44.0

require (
	github.com/agnivade/levenshtein v1.2.2
	github.com/james-bowman/nlp v0.0.0-20210511120306-26d441fa0ded
	github.com/jdkato/prose/v3 v3.2.3
	github.com/kljensen/snowball v0.10.0
	gonum.org/v1/gonum v0.17.0
)

require (
	github.com/armon/go-radix v1.0.0 // indirect
	github.com/james-bowman/sparse v0.0.0-20260216202247-495ee4f84d35 // indirect
	github.com/spaolacci/murmur3 v1.1.0 // indirect
	golang.org/x/exp v0.0.0-20210220032938-85be41e4509f // indirect
	gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
)
