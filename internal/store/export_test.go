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

// SetRebuildFraction sets where a reload into a bolt store starts to build
// a new file (reload.go): 0 always, +Inf never; it returns the function
// that restores it.
func SetRebuildFraction(f float64) (restore func()) {
	old := rebuildFraction
	rebuildFraction = f
	return func() { rebuildFraction = old }
}

// SetBuildHook sets the function a bulk build calls before and after its
// rename (buildHook); it returns the function that restores it.
func SetBuildHook(fn func(stage string)) (restore func()) {
	old := buildHook
	buildHook = fn
	return func() { buildHook = old }
}
