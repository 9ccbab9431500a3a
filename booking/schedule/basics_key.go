package schedule

// basicsKey is what an answer's basics depend on besides the version.
type basicsKey struct{ branch, service, doctor string }
