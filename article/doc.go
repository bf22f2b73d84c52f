// Package article recognises the structure of a news article given as
// plain text, as scraped from a news page: the title, a repeated title,
// dateline and other metadata lines, subheadings, body paragraphs, and the
// boilerplate around them (subscribe, follow-us, share and download-the-app
// lines, related links, copyright). The analyzer reads only the title,
// subheadings and paragraphs, while every offset still refers to the
// original text:
//
//	st := article.Parse(text)
//	for _, b := range st.Analysed() {
//		fmt.Println(b.Kind, text[b.Start:b.End])
//	}
//	masked := st.Mask(text) // same length; boilerplate blanked out
//	toks := tokenize.Tokenize(masked)
//
// # Offsets
//
// Block.Start and Block.End are 0-based byte offsets into the parsed text,
// End exclusive, so text[b.Start:b.End] is the block, with the white space
// and invisible marks (BOM, LRM, RLM, ZWNJ) around it trimmed. Blocks are
// in text order and never overlap. Structure.Mask keeps the length of the
// text, so offsets into the mask are offsets into the text.
//
// # Lines
//
// Lines end at \n, \r\n or a lone \r. A line of white space only (U+00A0
// and other Unicode spaces included) is blank. A word is a run of
// non-space characters holding a letter or a digit. Every block is one
// line, with two exceptions. A paragraph hard-wrapped inside its sentences
// spans several lines: a line continues the paragraph above it when no
// blank line comes between, it does not start with a bullet, and the line
// above has at least 6 words and does not end a sentence (. ! ? ؟ … or a
// closing quote or bracket). And an agency dateline that opens the first
// paragraph is a Dateline block of its own on the paragraph's line.
//
// # What is recognised
//
// Parse makes one pass over the lines and decides each from its own words
// and its neighbours:
//
//   - Title: the first non-blank line, if it has at most 25 words and 200
//     runes and is not a sentence of more than 12 words ending in a full
//     stop. A text of one short line is a title; a text of one long line is
//     a paragraph. Up to 3 metadata or boilerplate lines before it are
//     skipped over.
//   - DuplicateTitle: lines right after the title (blank lines between are
//     allowed) whose words equal the title's under tokenize.Key, so that
//     diacritics, alef forms, tatweel, punctuation and spacing do not
//     matter.
//   - Dateline: in the header, up to 5 lines between the title and the
//     first paragraph, a line is a dateline if it is a date line
//     ("الأربعاء 7 أبريل 2021", "دولية وإقليمية - Wednesday, April 7,
//     2021 9:34:00 PM", "2021/4/7"), starts with a metadata phrase ("آخر
//     تحديث:", "بقلم:", "المصدر:", "Updated"), is an agency dateline
//     ("القاهرة - (رويترز) -"; a city and its country before a Latin
//     source: "دبي، الإمارات العربية المتحدة (CNN)--") or is a short
//     source line of at most 4 words that does not end a sentence
//     ("العربية", "الرياض - وكالات"). An
//     agency dateline that opens the first paragraph becomes a Dateline
//     block of its own, followed by the rest of the paragraph. After the
//     last paragraph, short metadata and date lines (at most 12 words) are
//     datelines too.
//   - Subheading: a line of at most 12 words and 100 runes that does not
//     end in . ! … : ، ; or a dash (a question mark is allowed), does not
//     start with a bullet, comes after the end of a paragraph (a blank line
//     or a line ending a sentence), and is followed by a longer line that
//     reads as a paragraph (more than 12 words, or ending a sentence).
//   - Boilerplate: a line that matches the phrase table (see below), or
//     that holds no letter or digit at all ("|", "***"). A related-links
//     head on a line of its own ("اقرأ أيضاً:") also claims the short lines
//     after it, the linked headlines, up to the first line that ends a
//     sentence, is longer than 15 words, or is a subheading directly
//     followed by its paragraph.
//   - Paragraph: everything else.
//
// # The phrase table
//
// Boilerplate, metadata and date words come from a table, patterns.txt,
// embedded in the package and documented in its header. Lines and phrases
// are compared word by word in tokenize.Key form. Promotion phrases are
// first- and second-person calls to the reader (قناتنا على واتساب،
// تابعونا على، اشترك في النشرة، حمّل التطبيق، اضغط هنا) that a news
// sentence about WhatsApp or a newsletter does not contain, and they only
// count in lines of at most 30 words that do not read as a sentence (more
// than 12 words and a final full stop), so that body text stays body text.
// Add your own sites' phrases with Rules.Extend, or replace the table with
// ReadRules.
//
// # Robustness
//
// Parse never panics, runs in time linear in the length of the text, and
// accepts any bytes: invalid UTF-8 counts as content (a line of invalid
// bytes is a paragraph, or a title) and offsets stay byte offsets. Lines of
// more than 40 words or 2,000 bytes are body text and are not matched
// against the table; for lines of 31 to 40 words only the rules that look
// at the start of a line (start, related, meta) apply, to their first 8
// words. Rules values are immutable and safe for concurrent use.
package article
