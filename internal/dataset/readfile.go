package dataset

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Size caps of the files confgraph reads whole into memory. A curated data
// file or a source text is some kilobytes (the seed's is 27 KB, a gen
// report of 5,000 facts 200 KB); the worst data file of 8 MiB (190,000
// one-line entities, 800,000 quads) takes 1.0 GB to validate and 1.2 GB
// to load into memstore. An RDF file of a large corpus is some hundred
// megabytes.
const (
	MaxFileSize = 8 << 20 // a data file or a source text (the worst of 8 MiB, 190,000 one-line entities, takes 1 GB to validate)
	MaxRDFSize  = 1 << 30 // an RDF file load reads
)

// FileTooLargeError reports a file larger than the cap of what it holds.
type FileTooLargeError struct {
	Path string
	Size int64 // at least this many bytes; the file may be larger
	Max  int64
}

func (e *FileTooLargeError) Error() string {
	return fmt.Sprintf("read %s: file is larger than %s, the most confgraph reads (split it into smaller files)", e.Path, sizeWords(e.Max))
}

// NotRegularError reports a path that names a device, a named pipe, a
// socket or a directory where a file was wanted.
type NotRegularError struct {
	Path string
	What string // "a device", "a named pipe", ...
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("read %s: %s, not a regular file (confgraph reads regular files only; copy the data into one)", e.Path, e.What)
}

func sizeWords(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadRegular reads the regular file at path (a symbolic link is
// followed), refusing anything else — a device such as /dev/zero would
// never end, a named pipe could block for ever — and a file larger than
// max bytes. The file is checked before it is opened and again once open.
func ReadRegular(path string, max int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, ReadError(path, err)
	}
	if err := checkRegular(path, st, max); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, ReadError(path, err)
	}
	defer f.Close()
	return readOpen(path, f, max)
}

// readFSFile is ReadRegular for a file of fsys.
func readFSFile(fsys fs.FS, name string, max int64) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, ReadError(name, err)
	}
	if err := checkRegular(name, st, max); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, ReadError(name, err)
	}
	defer f.Close()
	return readOpen(name, f, max)
}

func readOpen(path string, f fs.File, max int64) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, ReadError(path, err)
	}
	if err := checkRegular(path, st, max); err != nil {
		return nil, err
	}
	// The size may be wrong (a file in /proc says 0) or grow while read.
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, ReadError(path, err)
	}
	if int64(len(data)) > max {
		return nil, &FileTooLargeError{Path: path, Size: int64(len(data)), Max: max}
	}
	return data, nil
}

func checkRegular(path string, st fs.FileInfo, max int64) error {
	m := st.Mode()
	if !m.IsRegular() {
		what := "not a regular file"
		switch {
		case m.IsDir():
			what = "a directory"
		case m&fs.ModeNamedPipe != 0:
			what = "a named pipe (FIFO)"
		case m&fs.ModeSocket != 0:
			what = "a socket"
		case m&fs.ModeDevice != 0:
			what = "a device"
		}
		return &NotRegularError{Path: path, What: what}
	}
	if st.Size() > max {
		return &FileTooLargeError{Path: path, Size: st.Size(), Max: max}
	}
	return nil
}

// isNotExist reports whether err says a file does not exist.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
