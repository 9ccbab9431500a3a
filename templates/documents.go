package templates

import "embed"

// Documents holds documents/<locale>/<kind>.md, the default document templates
// (contract, consents, questionnaire summary, treatment plan).
//
//go:embed documents
var Documents embed.FS
