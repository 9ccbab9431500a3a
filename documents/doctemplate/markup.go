package doctemplate

import "github.com/frontdeskhq/frontdesk/documents/pdf"

// The Markdown subset belongs to documents/pdf, which typesets it: templates are
// checked and data escaped by the same rules the renderer parses with.
var (
	checkMarkup = pdf.CheckMarkdown
	escape      = pdf.Escape
	escapeLines = pdf.EscapeLines
)
