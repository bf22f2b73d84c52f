package tokenize

// Sentence is a span of tokens that the tokenizer put in one sentence.
type Sentence struct {
	// Start and End are byte offsets into the original text: the start of
	// the sentence's first token and the end of its last one.
	Start, End int
	// Paragraph is the 0-based index of the sentence's paragraph.
	Paragraph int
	// From and To index the sentence's tokens in the token slice it was
	// built from: tokens[From:To].
	From, To int
}

// Sentences groups tokens, as returned by [Tokenizer.Tokenize], into
// sentences by their Sentence index. It allocates only the result.
func Sentences(tokens []Token) []Sentence {
	if len(tokens) == 0 {
		return nil
	}
	out := make([]Sentence, 0, tokens[len(tokens)-1].Sentence+1)
	from := 0
	for i := 1; i <= len(tokens); i++ {
		if i == len(tokens) || tokens[i].Sentence != tokens[from].Sentence {
			out = append(out, Sentence{
				Start:     tokens[from].Start,
				End:       tokens[i-1].End,
				Paragraph: tokens[from].Paragraph,
				From:      from,
				To:        i,
			})
			from = i
		}
	}
	return out
}

// abbreviations are words, in lower case and normalised, after which a
// full stop does not end a sentence. Single letters (initials) are
// handled by rule and need no entry.
var abbreviations = []string{
	// English titles and common abbreviations.
	"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "maj", "adm",
	"gov", "sen", "rep", "pres", "rev", "hon", "vs", "inc", "ltd", "co", "corp", "dept", "univ", "no",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "fig", "vol",
	// Latin letters spelled in Arabic, as in جيه.بي. مورغان (J.P. Morgan)
	// or جون دبليو. هنري, written in their Norm form. Letter names that
	// are also common words (في، أو، إن، إي) are left out.
	"جيه", "بي", "سي", "دي", "اتش", "جي", "كيه", "اف", "اس", "ام", "ار", "تي", "يو", "دبليو", "اكس", "واي", "زد", "كيو",
}
