package store

import (
	"io"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of a bolt store's file to w: one bbolt
// read transaction (Tx.WriteTo), so loads wait for it to end but queries
// run beside it. The copy is a complete indexes.bolt: put it in a
// directory of its own as that name and it is the store as it was. It
// returns the number of bytes written.
func (s *Store) Backup(w io.Writer) (int64, error) {
	if s.bolt == nil {
		return 0, &CheckUnsupportedError{Backend: s.backend.Name, What: "backup"}
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var n int64
	err := s.guard(func() error {
		return s.bolt.db.View(func(tx *bolt.Tx) error {
			var err error
			n, err = tx.WriteTo(w)
			return err
		})
	})
	return n, err
}

// File returns the data file of a bolt store ("" for other backends).
func (s *Store) File() string {
	if s.bolt == nil {
		return ""
	}
	return s.bolt.file
}
