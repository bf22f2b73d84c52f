// Package tokenize turns Arabic news text into normalised tokens and
// sentences that keep exact byte offsets into the original text, and
// provides the word-level analyses the rest of Khabar builds on: proclitic
// and enclitic splits, stop words and light stemming for topic terms.
//
// # Overview
//
// A [Tokenizer] is built once with [New] and used from any goroutine:
//
//	tz, err := tokenize.New()
//	toks := tz.Tokenize(text)          // []Token
//	sents := tokenize.Sentences(toks)  // []Sentence
//
// [Tokenize] uses a default Tokenizer. [Tokenizer.Tokens] is the same as a
// single-use iterator, and a [Scanner] reads tokens one at a time without
// collecting them. [Tokenizer.List] holds the tokens of a long text in a
// compact [List].
//
// # Tokens
//
// Text is split on whitespace, punctuation and symbols, including the
// Arabic comma ، semicolon ؛ and question mark ؟. Combining marks
// (harakat), tatweel and ZWNJ/ZWJ stay inside words. URLs (http://,
// https://, www.), e-mail addresses, numbers with inner separators (3.5,
// ١٫٥, 1,200, 9:34) and Latin words (G20, don't) stay whole. A hashtag
// (#كوريا_الشمالية) or mention (@MoFA_Iraq) is one token whose
// [Token.Parts] are the words inside it, split at underscores, each with
// its own offsets. A change between Arabic and another script ends a word.
// Each token has a [Kind].
//
// # Normalisation
//
// A [Normalizer] applies a set of [Step] values, each switchable: NFKC
// (presentation forms and ligatures: ﻻ → لا), removal of invisible marks,
// diacritics (incl. U+0670) and tatweel, alef folding (أ إ آ ٱ → ا), ى → ي,
// ة → ه, Persian letters (ک ی → ك ي), and Arabic-Indic and Persian digits.
// [Token.Norm] uses [DefaultSteps], which leave ى and ة alone: folding them
// makes على (on) equal علي (Ali), so stop words and function words are
// decided on the Norm form. [Key] applies every step and is the form under
// which names are matched. A Normalizer also works on streams through
// [Normalizer.Transformer].
//
// Normalisation never changes the text tokens point into: the term is
// rewritten, never the span, in the manner of bleve's analysis chain.
//
// # Offsets
//
// Every position in this package is a 0-based byte offset into the
// original text, with End exclusive: text[t.Start:t.End] == t.Text holds
// for every token, and the bytes between tokens are whitespace and
// invisible marks only. [Offsets] converts byte offsets to rune offsets
// and to UTF-16 offsets (for JavaScript) with one index built per text.
//
// # Invalid UTF-8
//
// Invalid UTF-8 never vanishes and never shifts offsets: each run of
// invalid bytes becomes one token of kind [Invalid] whose Text holds the
// bytes exactly and whose Norm is U+FFFD. A Normalizer, given a string
// with invalid bytes, replaces each with U+FFFD, so its output is always
// valid UTF-8.
//
// # Sentences and paragraphs
//
// A sentence ends after a terminator token — . ! ? ؟ … ۔ or a run of them
// such as "..." or "؟!" — and after the closing quotes or brackets
// attached to it (قال: "نعم." ثم → the quote ends the sentence). A full stop
// does not end a sentence when:
//
//   - it is inside a number, URL or e-mail address (3.5, ١٫٥,
//     www.example.com), which are single tokens;
//   - it directly follows a one-letter word: initials such as J. P. Morgan
//     and Arabic abbreviations such as د. (doctor) and م. (engineer);
//   - it directly follows a known abbreviation (Mr, Dr, Prof, Gen, Jan…;
//     add your own with [WithAbbreviations]);
//   - the next token follows it without a space (العربية.نت).
//
// With the default [EachLine] mode every line break also ends a sentence
// and a paragraph, since news pages put each paragraph, subheading and
// footer line on a line of its own; with [BlankLine] a single line break
// is a space and only blank lines separate paragraphs. A paragraph break
// always ends a sentence. Sentence and paragraph indexes are 0-based.
//
// # Cost and cancellation
//
// Tokenizing runs in time linear in the text. A []Token from
// [Tokenizer.Tokenize] costs 96 bytes a token (64-bit platforms) plus the
// Norm forms that differ from their Text: Arabic news has a token every 9
// bytes or so, and the slice is reserved for one every 6, about 16 bytes
// per byte of text; text that is a token every two bytes (". . .") costs
// up to 48, and more while the slice grows. A [List] costs 20 bytes a
// token, grows in fixed blocks without copying, and computes Norm forms
// and hashtag parts on request: about 2 bytes per byte of news text and
// at most 10 for any text. Use it, or windows of it
// ([List.AppendTokens]), for long texts.
//
// [Tokenizer.TokenizeContext] and [Tokenizer.List] check their context
// every few thousand tokens and stop with its error when it is done, so a
// deadline is honoured within a millisecond or so whatever the text's
// size. A [Scanner] is driven by its caller, which checks its own context.
//
// # Concurrency
//
// Tokenizer, Normalizer and List are safe for concurrent use. A Scanner
// and a Transformer hold per-text state and are not.
//
// # Unicode
//
// Letter, mark, digit and punctuation classes come from Go's unicode
// package (Unicode 15.0.0 in Go 1.26); NFKC from golang.org/x/text.
package tokenize
