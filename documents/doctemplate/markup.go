package doctemplate

import "strings"

// These hooks stand for documents/pdf until that package lands on this branch;
// then they call pdf.CheckMarkdown, pdf.Escape and pdf.EscapeLines.
var (
	checkMarkup = func(string) error { return nil }
	escape      = func(s string) string { return tmpEscape(strings.Join(strings.Fields(s), " ")) }
	escapeLines = func(s string) string {
		lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
		for i, l := range lines {
			lines[i] = tmpEscape(strings.TrimSpace(l))
		}
		return strings.Join(lines, "\\\n")
	}
)

func tmpEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>()#+-.!|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
