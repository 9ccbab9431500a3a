package messaging

// CrashAfterProvider makes d's workers panic right after a provider answered, before
// anything is recorded: the crash the reconciliation must survive.
func CrashAfterProvider(d *Dispatcher) {
	d.afterProvider = func(Outgoing) { panic("killed between the provider call and the status update") }
}
