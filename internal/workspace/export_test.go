package workspace

// SetPrefetchFraction sets where CheckMerge switches from look-ups to one
// scan of the store (prefetch): 0 always scans, +Inf never; it returns the
// function that restores it.
func SetPrefetchFraction(f float64) (restore func()) {
	old := prefetchFraction
	prefetchFraction = f
	return func() { prefetchFraction = old }
}
