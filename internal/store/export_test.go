package store

// SetBuildBatch sets the puts per transaction of a bulk build, for tests
// that make it commit often; it returns the function that restores it.
func SetBuildBatch(n int) (restore func()) {
	old := buildBatch
	buildBatch = n
	return func() { buildBatch = old }
}

// BulkMinQuads is bulkMinQuads, for tests that must load through the bulk path.
const BulkMinQuads = bulkMinQuads
