package templates

import "embed"

// Digests holds digests/<locale>/<name>.tmpl, the staff's periodic digests (the owners'
// weekly figures). Their feature renders them itself, so messaging's loader never reads them.
//
//go:embed digests
var Digests embed.FS
