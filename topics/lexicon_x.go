package topics

import (
	"math"
	"os"
	"strconv"
	"strings"
)

func envf(k string, def float64) float64 {
	if v := os.Getenv(k); v != "" {
		f, _ := strconv.ParseFloat(v, 64)
		return f
	}
	return def
}

var (
	xTitle     = envf("KH_TITLE", 3)
	xLead      = envf("KH_LEAD", 1)
	xLeadSent  = envf("KH_LEADSENT", 0) // 1: lead is first sentence else first paragraph
	xBigram    = envf("KH_BIGRAM", 1)
	xDampC     = envf("KH_DAMP", 0)
	xDampMode  = envf("KH_DAMPMODE", 0)
	xTFMode    = envf("KH_TFMODE", 0)
	xPriorOn   = envf("KH_PRIOR", 0)
	xPriorList = os.Getenv("KH_PRIORS")
)

func xLeadHit(t Term) bool {
	if xLeadSent == 1 {
		return t.Sentence == 0
	}
	if xLeadSent == 2 {
		return t.Sentence <= 1
	}
	return t.Paragraph == 0
}

func xTF(tf float64) float64 {
	switch xTFMode {
	case 1:
		return math.Sqrt(tf)
	case 2:
		return 1 + math.Log(1+tf) - math.Log(2)
	}
	if tf < 1 {
		return tf
	}
	return 1 + math.Log(tf)
}

func xDamp(d float64) float64 {
	switch xDampMode {
	case 1:
		return d / (d + xDampC)
	case 2:
		return math.Pow(d, xDampC)
	}
	return 1
}

var priors = func() map[string]float64 {
	m := map[string]float64{}
	def := "01:1,02:1,03:1,04:1.2,05:0.8,06:0.8,07:1,08:0.6,09:0.8,10:0.7,11:1.3,12:0.8,13:1,14:0.8,15:1.2,16:1.2,17:0.6"
	if xPriorList != "" {
		def = xPriorList
	}
	for _, kv := range strings.Split(def, ",") {
		k, v, _ := strings.Cut(kv, ":")
		f, _ := strconv.ParseFloat(v, 64)
		m["medtop:"+k+"000000"] = f
	}
	return m
}()

func xPrior(id string) float64 {
	if xPriorOn == 0 {
		return 1
	}
	if p, ok := priors[id]; ok {
		return p
	}
	return 1
}
