package dataset

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SkeletonOptions say what a new data file states about its source.
type SkeletonOptions struct {
	// ID is the report ID; "" derives one from Source with Slug.
	ID string
	// Language is the report's language tag; "" guesses it from the text
	// with GuessLanguage (the file says it is a guess).
	Language string
	// Source is the source field: the source file's path relative to the
	// data file's directory, with forward slashes.
	Source string
}

// Skeleton returns a new data file for the source text data: a report
// block with the paragraph count, digest, source path, language and ID,
// and TODO placeholders for the title and the date, which a new file
// cannot know; every paragraph as a numbered comment to cite from; and a
// commented example entry for each section of Sections. It validates as
// written (placeholders are warnings when validating and errors when
// loading). The data must be UTF-8 text with at least one paragraph.
func Skeleton(data []byte, o SkeletonOptions) ([]byte, error) {
	if !utf8.Valid(data) || strings.ContainsRune(string(data), 0) {
		return nil, fmt.Errorf("not UTF-8 text")
	}
	paras := Paragraphs(string(data))
	if len(paras) == 0 {
		return nil, fmt.Errorf("no text: a source needs at least one paragraph (line)")
	}
	id := o.ID
	if id == "" {
		id = Slug(strings.TrimSuffix(o.Source[strings.LastIndex(o.Source, "/")+1:], extOf(o.Source)))
	}
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Data file for the report %s, started by confgraph new.\n", o.Source)
	w("# Format: docs/data-format.md; walkthrough: docs/curation.md.\n")
	w("#\n")
	w("# Fill in the %s placeholders (validate lists those left; load refuses them),\n", Placeholder)
	w("# then add the facts the report states, each citing the paragraph(s) that state\n")
	w("# it: cite: [N], with an optional quote: copied from them (validate checks it).\n")
	w("#\n")
	w("# The source, one paragraph a line (%d paragraphs):\n", len(paras))
	w("#\n")
	for i, p := range paras {
		w("# [%d] %s\n", i+1, strings.TrimRightFunc(p, unicode.IsSpace))
	}
	w("\nreport:\n")
	w("  id: %s\n", id)
	w("  title: %q  # as the report gives it; or description: in your words\n", Placeholder+": the report's title")
	switch {
	case o.Language != "":
		w("  language: %s\n", o.Language)
	default:
		if l, why := GuessLanguage(string(data)); l != "" {
			w("  language: %s  # a guess from the %s: check it\n", l, why)
		} else {
			w("  language: %s  # not recognised from the text: give a BCP 47 tag such as de, en or vi\n", Placeholder)
		}
	}
	w("  date: %s  # the report's date (YYYY-MM-DD); say in date_note: how you know it\n", Placeholder)
	w("  paragraphs: %d\n", len(paras))
	w("  source: %s\n", appendStr(nil, Str{V: o.Source}))
	w("  sha256: %s\n", Digest(data))
	w("\n# Sections, in this order; remove the # of a section and its entries to use it.\n")
	w("# Every entity also takes alt_names: [...], labels: {en: ...} and note:; every\n")
	w("# entry takes cite: (required), quote: and note:. IDs are lower-case slugs.\n")
	for _, s := range Sections {
		w("#\n# %s:\n#   - %s\n", s.Name, exampleEntry(entryType(s.Name)))
	}
	return []byte(b.String()), nil
}

// exampleEntry is a commented example of an entry of type t: its own fields
// in order, then cite and quote, each with a placeholder value of its type.
func exampleEntry(t reflect.Type) string {
	var parts []string
	for _, fl := range fieldsOf(t) {
		switch fl.key {
		case "alt_names", "labels", "note":
			continue // common to every entity or entry: said once above
		}
		var val string
		switch t.FieldByIndex(fl.index).Type {
		case reflect.TypeFor[Cites]():
			val = "[N]"
		case reflect.TypeFor[Int](), reflect.TypeFor[Num]():
			val = "N"
		case reflect.TypeFor[Flag]():
			val = "false"
		case reflect.TypeFor[[]Str]():
			val = "[" + Placeholder + "]"
		default:
			val = Placeholder
		}
		parts = append(parts, fl.key+": "+val)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// entryType is the entry type of the section called name: the element
// type of File's field for it.
func entryType(name string) reflect.Type {
	t := reflect.TypeFor[File]()
	for i := range t.NumField() {
		f := t.Field(i)
		if key, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); key == name {
			return f.Type.Elem()
		}
	}
	panic("dataset: File has no field for section " + name)
}

func extOf(p string) string {
	base := p[strings.LastIndex(p, "/")+1:]
	if i := strings.LastIndex(base, "."); i > 0 {
		return base[i:]
	}
	return ""
}

// Slug turns a name into an ID: diacritics removed (đ as d), lower case,
// every run of other characters than letters and digits as one hyphen;
// "report" when nothing is left.
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		r = unicode.ToLower(r)
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
			continue
		}
		hyphen = true
	}
	if b.Len() == 0 {
		return "report"
	}
	return b.String()
}

// stopWords are frequent short words of the languages GuessLanguage knows.
var stopWords = map[string][]string{
	"de": {"der", "die", "das", "und", "des", "den", "dem", "ist", "mit", "von", "zu", "im", "auf", "für", "nicht", "ein", "eine", "sich", "wurde", "auch"},
	"en": {"the", "and", "of", "to", "in", "is", "for", "on", "with", "was", "that", "by", "at", "as", "from", "were", "are", "this"},
	"vi": {"và", "của", "các", "những", "được", "trong", "cho", "với", "là", "đã", "có", "người", "này", "không", "một", "đồng", "chí", "tỉnh"},
}

// vietnameseLetters occur in Vietnamese and not in German or English text.
const vietnameseLetters = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"

// GuessLanguage guesses whether text is German, English or Vietnamese by
// counting their stop words (and letters only Vietnamese writes): the tag
// and what the guess rests on ("German words in the text"), or "" when
// nothing speaks for any of them.
func GuessLanguage(text string) (tag, why string) {
	score := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(norm.NFC.String(text)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r)
	}) {
		for l, ws := range stopWords {
			for _, s := range ws {
				if w == s {
					score[l]++
				}
			}
		}
		if strings.ContainsAny(w, vietnameseLetters) {
			score["vi"]++
		}
		if strings.ContainsAny(w, "äöüß") {
			score["de"]++
		}
	}
	best, n := "", 0 // ties go to the first of de, en, vi
	for _, l := range []string{"de", "en", "vi"} {
		if score[l] > n {
			best, n = l, score[l]
		}
	}
	if best == "" {
		return "", ""
	}
	names := map[string]string{"de": "German", "en": "English", "vi": "Vietnamese"}
	return best, names[best] + " words in the text"
}

// ValidLanguage reports whether tag is a language tag a data file accepts.
func ValidLanguage(tag string) bool {
	v := &validator{f: &File{}}
	v.lang(Str{V: tag}, true)
	return len(v.errs) == 0 && !IsPlaceholder(tag)
}
