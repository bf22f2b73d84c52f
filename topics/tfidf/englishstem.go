package tfidf

import (
	"strings"
	"sync"

	"github.com/kljensen/snowball/english"
)

// stems caches the Snowball English stems of the Latin words met, as
// [EnglishStem] returns them: news reuses a small vocabulary, and the
// stemmer costs more than a lookup. The cache is bounded: a shard that
// fills up is emptied.
var stems stemCache

const (
	stemShards = 16
	// maxStems bounds the words the cache keeps.
	maxStems = 1 << 16
)

type stemCache struct {
	shards [stemShards]stemShard
}

type stemShard struct {
	mu sync.RWMutex
	m  map[string]string
}

// stem returns the Snowball English stem of word, from the cache when it
// holds it.
func (c *stemCache) stem(word string) string {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(word); i++ {
		h = (h ^ uint32(word[i])) * 16777619
	}
	s := &c.shards[h%stemShards]
	s.mu.RLock()
	st, ok := s.m[word]
	s.mu.RUnlock()
	if ok {
		return st
	}
	st = english.Stem(word, true)
	s.mu.Lock()
	if s.m == nil || len(s.m) >= maxStems/stemShards {
		s.m = make(map[string]string)
	}
	s.m[strings.Clone(word)] = st
	s.mu.Unlock()
	return st
}
