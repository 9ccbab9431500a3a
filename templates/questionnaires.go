package templates

import "embed"

// Questionnaires holds questionnaires/<id>.json, the default questionnaire definitions.
//
//go:embed questionnaires
var Questionnaires embed.FS
