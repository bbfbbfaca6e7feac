package dataset

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// dataExts are the extensions of data files.
var dataExts = []string{".yaml", ".yml"}

// DataExts lists the extensions of data files, e.g. ".yaml".
func DataExts() []string { return slices.Clone(dataExts) }

// IsDataFile reports whether name looks like a data file (.yaml or .yml).
func IsDataFile(name string) bool {
	return slices.Contains(dataExts, strings.ToLower(path.Ext(name)))
}

// ReadFS parses and validates every data file of fsys under root, in name
// order: ReadFSWith with no options.
func ReadFS(fsys fs.FS, root string) ([]*File, error) {
	files, _, err := ReadFSWith(fsys, root, ReadOptions{})
	return files, err
}

// ReadFSWith parses and validates every data file of fsys under root, in
// name order. A file system holds no source texts beside its data files
// (the embedded data has none), so a report's source is looked for in
// o.SourceDirs only, and when there are none it is not checked and no
// warning says so. The warnings are the checks that could not be made and,
// with o.AllowPlaceholders, the placeholders.
func ReadFSWith(fsys fs.FS, root string, o ReadOptions) ([]*File, Errors, error) {
	var names []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && IsDataFile(p) {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read data files: %w", err)
	}
	sort.Strings(names)
	return readAll(names, func(n string) ([]byte, error) { return readFSFile(fsys, n, MaxFileSize) }, o.sources(false))
}

// ReadPaths parses and validates the named files; a directory stands for the
// data files in it and below it: ReadPathsWith with no options.
func ReadPaths(paths []string) ([]*File, error) {
	files, _, err := ReadPathsWith(paths, ReadOptions{})
	return files, err
}

// ReadPathsWith parses and validates the named files (a directory stands
// for the data files in it and below it) and checks each against its
// source text, looked for beside the data file and then in o.SourceDirs.
// The warnings are the checks that could not be made (a source not found)
// and, with o.AllowPlaceholders, the placeholders.
func ReadPathsWith(paths []string, o ReadOptions) ([]*File, Errors, error) {
	var names []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, ReadError(p, err)
		}
		if !st.IsDir() {
			names = append(names, p)
			continue
		}
		var in []string
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && IsDataFile(q) {
				in = append(in, q)
			}
			return nil
		})
		if err != nil {
			return nil, nil, ReadError(p, err)
		}
		if len(in) == 0 {
			return nil, nil, fmt.Errorf("read %s: no .yaml data files in this directory", p)
		}
		sort.Strings(in)
		names = append(names, in...)
	}
	return readAll(dedupe(names), func(n string) ([]byte, error) { return ReadRegular(n, MaxFileSize) }, o.sources(true))
}

// dedupe drops the names of a file named before (given twice, or given
// and in a directory given): it is read once. Names are compared with
// links resolved, so a link and its target count as one.
func dedupe(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		if real, err := filepath.EvalSymlinks(n); err == nil {
			if abs, err := filepath.Abs(real); err == nil {
				if seen[abs] {
					continue
				}
				seen[abs] = true
			}
		}
		out = append(out, n)
	}
	return out
}

// readError says that reading path failed; an *fs.PathError for path
// itself is not wrapped twice ("read x: stat x: ..."), though it stays in
// the chain.
func ReadError(path string, err error) error {
	var (
		pe *fs.PathError
		nr *NotRegularError
		tl *FileTooLargeError
	)
	if errors.As(err, &nr) && nr.Path == path || errors.As(err, &tl) && tl.Path == path {
		return err
	}
	if errors.As(err, &pe) && pe.Path == path {
		return &fs.PathError{Op: "read", Path: path, Err: pe.Err}
	}
	return fmt.Errorf("read %s: %w", path, err)
}

// readAll parses every file, checks it against its source (src), and
// checks what spans files: a report ID used twice, or one entity ID given
// different kinds. All problems are returned together as Errors.
func readAll(names []string, read func(string) ([]byte, error), src *sources) ([]*File, Errors, error) {
	var files []*File
	var errs Errors
	for i, p := range parseAll(names, read) {
		n := names[i]
		if p.err != nil {
			return nil, nil, ReadError(n, p.err)
		}
		f, es := p.f, p.es
		if f != nil {
			files = append(files, f)
			es = append(es, src.check(f)...)
			es.sort()
		}
		errs = append(errs, es...)
	}
	errs, err := resolveElsewhere(errs, files, src.Outside)
	if err != nil {
		return nil, nil, err
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	reports := map[string]string{}
	kinds := map[string]struct {
		k    Kind
		file string
	}{}
	for _, f := range files {
		r := f.Report.ID
		if other, dup := reports[r.V]; dup {
			errs = append(errs, Error{File: f.Path, Pos: r.Pos, Msg: fmt.Sprintf("report ID %q is also used by %s", r.V, other), Hint: "each report needs its own ID"})
		}
		reports[r.V] = f.Path
		f.eachNamed(func(k Kind, n *Named) {
			if prev, ok := kinds[n.ID.V]; ok && prev.k != k {
				errs = append(errs, Error{File: f.Path, Pos: n.ID.Pos,
					Msg:  fmt.Sprintf("ID %q is %s here but %s in %s", n.ID.V, article(string(k)), article(string(prev.k)), prev.file),
					Hint: "one ID names one entity in every file; rename one of them"})
			}
			if _, ok := kinds[n.ID.V]; !ok {
				kinds[n.ID.V] = struct {
					k    Kind
					file string
				}{k, f.Path}
			}
		})
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return files, src.warnings, nil
}

// parseWorkers is how many goroutines parseAll uses.
var parseWorkers = func() int { return runtime.GOMAXPROCS(0) }

// parsed is what parseAll found for one file.
type parsed struct {
	f   *File
	es  Errors
	err error // reading the file failed
}

// parseAll reads and parses the named files, on as many goroutines as
// there are CPUs, and returns what it found for each, in the order of
// names: the caller walks the results in order, so the first read error
// and the order of the problems are those of reading one file after the
// other.
func parseAll(names []string, read func(string) ([]byte, error)) []parsed {
	out := make([]parsed, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(parseWorkers(), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := read(names[i])
				if err != nil {
					out[i].err = err
					continue
				}
				out[i].f, out[i].es = Parse(names[i], data)
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
