package gen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Fingerprint names the generator's output: the SHA-256 of a small
// corpus of two reports (names and texts), in hex. Any change to what
// Generate writes for a seed changes it, so a cache of generated corpora
// keyed by size and seed can tell a corpus of an older generator from a
// current one.
func Fingerprint() (string, error) {
	h := sha256.New()
	_, err := Generate(Options{Facts: 2 * MinFacts, Seed: 1, ReportFacts: MinFacts}, func(f File) error {
		h.Write([]byte(f.Name))
		h.Write([]byte{0})
		h.Write(f.Data)
		h.Write([]byte{0})
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("fingerprint corpus: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
