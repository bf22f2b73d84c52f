package entities

import (
	"os"
	"testing"
)

// ruleSink keeps the benchmark's results alive.
var ruleSink []ruleMatch

// BenchmarkRules runs the rules over the test articles, tokenized and
// looked up in the default gazetteer beforehand: it measures find alone.
func BenchmarkRules(b *testing.B) {
	rs := mustRules(b)
	var envs []ruleEnv
	tokens, bytes := 0, 0
	for _, path := range articlePaths(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		env := gazetteerEnv(b, string(data))
		envs = append(envs, env)
		tokens += len(env.tokens)
		bytes += len(data)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	for b.Loop() {
		for _, env := range envs {
			ruleSink = rs.find(env.tokens, env.keys, env.known, env.demonym)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(tokens), "ns/token")
}
