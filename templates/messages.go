// Package templates holds the clinic-editable texts Frontdesk ships as defaults:
// messages/<locale>/*.tmpl for patient messages (documents and questionnaires follow
// the same layout). A clinic overrides any file from a folder of its own.
package templates

import "embed"

// Messages holds messages/<locale>/<name>.tmpl, the default patient messages.
//
//go:embed messages
var Messages embed.FS
