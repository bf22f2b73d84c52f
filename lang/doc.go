// Package lang tells the language of a news text from its script and its
// common words: Arabic, English, or undetermined (another script, or a
// Latin-script language other than English).
//
// # Overview
//
//	lang.Detect(text)          // "ar", "en" or "und" for the whole text
//	lang.Paragraphs(text)      // the language of each run of lines
//	lang.LatinRuns(toks)       // Latin words inside a text: Pixel 3 XL, J.P. Morgan
//
// A text is Arabic when at least half of its letters are Arabic; English
// when at least half are Latin and its Latin words read as English — a
// share of them are the function words and reporting verbs of
// tokenize.EnglishFunctionWords and tokenize.ReportingVerbs (the, of,
// and, said); undetermined otherwise, with [Stats] saying what was counted.
// No model is loaded and nothing is allocated for the whole-text decision:
// it costs one pass over the bytes.
//
// # Mixed text
//
// Arabic articles quote English (a statement, a tweet, a title) and
// English articles carry Arabic lines; [Paragraphs] decides each line on
// its own when it holds enough to judge, and otherwise gives it the
// language of the whole text, so that the analysis of an article can send
// every part to the pipeline of its language. Inside an Arabic sentence,
// [LatinRuns] finds the runs of Latin words (product names, companies,
// initials), which a pipeline for Arabic should not read as Arabic.
//
// # Offsets
//
// Every offset is a 0-based byte offset into the text, End exclusive.
//
// # Concurrency
//
// Every function is safe for concurrent use.
package lang
