package api

import "github.com/prometheus/client_golang/prometheus"

// NewLoginCounter registers frontdesk_logins_total on reg and returns the function the
// staff service calls with each sign-in outcome.
func NewLoginCounter(reg prometheus.Registerer) func(outcome string) {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "frontdesk_logins_total", Help: "Staff sign-in attempts by outcome (ok, bad_credentials, throttled).",
	}, []string{"outcome"})
	reg.MustRegister(c)
	return func(outcome string) { c.WithLabelValues(outcome).Inc() }
}
