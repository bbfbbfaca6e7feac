package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// This file checks a data file against its source text: the digest, the
// number of paragraphs and every quote. A paragraph is a line of the
// source text; the paragraphs of a data file are numbered from 1.

// Paragraphs splits a source text into its paragraphs, one a line: line
// ends are \n or \r\n, and newlines at the end of the text end the last
// paragraph rather than start empty ones. Blank lines inside the text are
// paragraphs too (empty ones), so that numbers are plain line numbers.
func Paragraphs(text string) []string {
	text = strings.TrimRight(text, "\r\n")
	if text == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// Digest is the SHA-256 digest of data in lower-case hex, as sha256sum
// prints it and the report's sha256 field holds it.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// quoteMarks are the typographic quotation marks and apostrophes
// NormalizeQuote writes as their ASCII forms.
var quoteMarks = strings.NewReplacer(
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u00ab", `"`, "\u00bb", `"`, "\u2033", `"`,
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2039", "'", "\u203a", "'", "\u2032", "'",
)

// NormalizeQuote is the form in which a quote and a paragraph are compared:
// Unicode NFC (so that a letter with diacritics typed precomposed matches
// one written as letter + combining mark), every run of white space
// (spaces, tabs, line breaks, no-break spaces) as one space, no space at
// either end, and typographic quotation marks and apostrophes („“”«»‘’‚‹›)
// as " and '. Nothing else changes: case, dashes, hyphens and punctuation
// must be as in the text.
func NormalizeQuote(s string) string {
	s = quoteMarks.Replace(norm.NFC.String(s))
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// QuoteIn reports whether quote stands in paragraph: whether its
// NormalizeQuote form is a substring of the paragraph's.
func QuoteIn(quote, paragraph string) bool {
	return strings.Contains(NormalizeQuote(paragraph), NormalizeQuote(quote))
}

// factOf gives the provenance of an entry; every section's entry type
// embeds Fact (entities through Named), so each has it.
func (f *Fact) factOf() *Fact { return f }

// CheckSource checks f against its source text data, read from the file
// named name (used in messages): the report's sha256 (when given) against
// the digest of data, its paragraphs against the lines of data, and each
// quote against the paragraphs its fact cites. Every mismatch is an Error
// at the field's position.
func (f *File) CheckSource(name string, data []byte) Errors {
	v := &validator{f: f}
	r := f.Report
	if d := Digest(data); r.SHA256.V != "" && hexRE.MatchString(r.SHA256.V) && d != r.SHA256.V {
		v.errf(r.SHA256.Pos, "check every cite and quote against the new text, then write sha256: "+d,
			"source %s changed since curation: its sha256 is not the one given here", name)
	}
	paras := Paragraphs(string(data))
	if r.Paragraphs.Set && r.Paragraphs.V != len(paras) {
		v.errf(r.Paragraphs.Pos, fmt.Sprintf("write paragraphs: %d, or check that the source has one paragraph a line", len(paras)),
			"source %s has %d paragraphs (lines), not %d", name, len(paras), r.Paragraphs.V)
	}
	for _, s := range Sections {
		for i := range s.Len(f) {
			x, ok := s.Entry(f, i).(interface{ factOf() *Fact })
			if !ok {
				continue
			}
			v.quote(x.factOf(), name, paras)
		}
	}
	return v.errs
}

// quote checks that fact's quote stands in one of the paragraphs it cites.
func (v *validator) quote(fact *Fact, name string, paras []string) {
	q := fact.Quote
	if q.Pos.Line == 0 || strings.TrimSpace(q.V) == "" || q.bad != "" {
		return // no quote, or one validate reports
	}
	var nums []string
	for _, c := range fact.Cite {
		if c.bad != "" || !c.Set {
			continue
		}
		if c.V >= 1 && c.V <= len(paras) && QuoteIn(q.V, paras[c.V-1]) {
			return
		}
		nums = append(nums, fmt.Sprint(c.V))
	}
	if len(nums) == 0 {
		return // cites nothing readable: validate reports that
	}
	v.errf(q.Pos, "copy it from the text, or fix cite", "quote %q is not in paragraph(s) %s of %s", short(q.V), strings.Join(nums, ", "), name)
}

// short cuts s to 60 characters for a message.
func short(s string) string {
	s = NormalizeQuote(s)
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

// ReadOptions are the options of ReadPathsWith and ReadFSWith.
type ReadOptions struct {
	// SourceDirs are directories holding source texts by file name: a
	// report's source is looked for in each (by the base name of its
	// source field) when it is not beside the data file.
	SourceDirs []string
	// SourceHint ends the warning for a source not found, saying how to
	// name a directory that holds it; "" for a default.
	SourceHint string
	// AllowPlaceholders makes placeholders warnings (for checking a data
	// file still being written) instead of errors (for loading it).
	AllowPlaceholders bool
	// Outside, when set, resolves the IDs a file refers to that none of
	// the files read defines (the store the files are loaded into); nil
	// leaves them errors.
	Outside Resolver
}

// sources checks the files of one read against their source texts.
type sources struct {
	ReadOptions
	beside   bool // look beside the data file first (files on disk)
	warnings Errors
}

func (o ReadOptions) sources(beside bool) *sources {
	return &sources{ReadOptions: o, beside: beside}
}

// check returns the problems of f found with its source text, and its
// placeholders when they are errors; it records the warnings.
func (s *sources) check(f *File) Errors {
	var errs Errors
	for _, e := range f.Placeholders() {
		if s.AllowPlaceholders {
			e.Msg = "warning: " + e.Msg
			s.warnings = append(s.warnings, e)
		} else {
			e.Hint += " before loading"
			errs = append(errs, e)
		}
	}
	src := f.Report.Source
	if src.V == "" || IsPlaceholder(src.V) || (!s.beside && len(s.SourceDirs) == 0) {
		return errs
	}
	var tried []string
	var unreadable error
	try := func(p string) ([]byte, bool) {
		data, err := ReadRegular(p, MaxFileSize)
		if err != nil && !isNotExist(err) && unreadable == nil {
			unreadable = err
		}
		return data, err == nil
	}
	var data []byte
	found := false
	if s.beside {
		p := filepath.FromSlash(src.V)
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(f.Path), p)
		}
		data, found = try(p)
		tried = append(tried, "beside the data file")
	}
	for _, d := range s.SourceDirs {
		if found {
			break
		}
		data, found = try(filepath.Join(d, path.Base(src.V)))
		tried = append(tried, "in "+d)
	}
	if !found && unreadable != nil {
		return append(errs, Error{File: f.Path, Pos: src.Pos,
			Msg:  fmt.Sprintf("source %s cannot be read: %v", src.V, unreadable),
			Hint: "keep the source text in a regular file of at most " + sizeWords(MaxFileSize)})
	}
	if !found {
		hint := s.SourceHint
		if hint == "" {
			hint = "keep the source text beside the data file to have them checked"
		}
		s.warnings = append(s.warnings, Error{File: f.Path, Pos: src.Pos,
			Msg:  fmt.Sprintf("warning: source %s not found %s; quotes, digest and paragraph count not checked", src.V, strings.Join(tried, " or ")),
			Hint: hint})
		return errs
	}
	return append(errs, f.CheckSource(src.V, data)...)
}
