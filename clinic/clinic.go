// Package clinic is the directory every feature shares: branches with their time zone,
// locale and opening hours; chairs; the services a clinic sells; doctors; and patients.
package clinic
