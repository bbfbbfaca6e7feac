package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// outputFile is what export writes -o FILE through. A new or regular FILE
// is written as a temporary file beside it, renamed over it when the
// export is complete: FILE is either as it was or complete, never half
// written, and a failed export removes only its temporary file. A symbolic
// link is followed (the file it points to is replaced; the link stays). A
// FILE that is neither (a device such as /dev/null, a FIFO) is written
// directly and never removed.
type outputFile struct {
	*os.File
	target string // the file the output ends up in
	tmp    string // the temporary file, "" when writing target directly
}

// maxLinks bounds the symbolic links followed to the output file.
const maxLinks = 40

func createOutput(path string) (*outputFile, error) {
	target := path
	for i := 0; ; i++ {
		fi, err := os.Lstat(target)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			break
		}
		if i == maxLinks {
			return nil, fmt.Errorf("%s: too many levels of symbolic links", path)
		}
		link, err := os.Readlink(target)
		if err != nil {
			return nil, err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(target), link)
		}
		target = link
	}
	perm := 0o666 &^ umask()
	fi, err := os.Stat(target)
	switch {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("%s is a directory: name a file", path)
	case err == nil && !fi.Mode().IsRegular():
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		return &outputFile{File: f, target: target}, nil
	case err == nil:
		perm = fi.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		// The error names the temporary file, which the user never gave.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			what := path
			if target != path {
				what = fmt.Sprintf("%s (a link to %s)", path, target)
			}
			return nil, fmt.Errorf("create %s: %w", what, pe.Err)
		}
		return nil, err
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &outputFile{File: f, target: target, tmp: f.Name()}, nil
}

// commit closes the output and puts it in place.
func (o *outputFile) commit() error {
	if o.tmp == "" {
		return o.Close()
	}
	err := o.Sync()
	if cerr := o.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(o.tmp, o.target)
	}
	if err != nil {
		os.Remove(o.tmp)
	}
	return err
}

// abort closes the output and removes the temporary file; FILE stays as
// it was.
func (o *outputFile) abort() {
	o.Close()
	if o.tmp != "" {
		os.Remove(o.tmp)
	}
}
