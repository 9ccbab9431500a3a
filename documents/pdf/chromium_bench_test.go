package pdf

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// contractHTML writes an HTML version of the sample contract (same text, A4
// margins, DejaVu fonts) and returns its path.
func contractHTML(b *testing.B) string {
	var body bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.Table)).Convert([]byte(sampleContract()), &body); err != nil {
		b.Fatal(err)
	}
	html := `<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 16mm 20mm 25mm 20mm }
body { font: 10pt "DejaVu Sans"; } h1, h2 { font-family: "DejaVu Serif" }
table { border-collapse: collapse; width: 100% } td, th { border: 0.2mm solid #777; padding: 1mm }
</style></head><body><h1>Klinika Uśmiech</h1>` + body.String() + `</body></html>`
	src := filepath.Join(b.TempDir(), "contract.html")
	if err := os.WriteFile(src, []byte(html), 0o600); err != nil {
		b.Fatal(err)
	}
	return src
}

// chromiumPath finds Chromium or skips the benchmark.
func chromiumPath(b *testing.B) string {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		b.Skip("chromium not installed (apt-get install -y chromium); skipping")
	}
	return bin
}

// BenchmarkPackChromium prints an HTML version of the same contract with
// headless Chromium from the command line, one process per document.
func BenchmarkPackChromium(b *testing.B) {
	bin, src := chromiumPath(b), contractHTML(b)
	dir := b.TempDir()
	out := filepath.Join(dir, "contract.pdf")
	for b.Loop() {
		cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
			"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+out, "file://"+src)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("chromium: %v\n%s", err, msg)
		}
	}
}

// BenchmarkPackChromiumWarm prints the same HTML through one long-running
// headless Chromium (DevTools Page.printToPDF), the fairest browser setup.
func BenchmarkPackChromiumWarm(b *testing.B) {
	bin, src := chromiumPath(b), contractHTML(b)
	ctx, cancel := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(bin), chromedp.Headless,
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.UserDataDir(b.TempDir()))
	defer cancel()
	ctx, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()
	if err := chromedp.Do(ctx); err != nil {
		b.Fatal(err)
	}
	prefer := true
	for b.Loop() {
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+src)); err != nil {
			b.Fatal(err)
		}
		res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, PreferCSSPageSize: &prefer})
		if err != nil || len(res.Data) == 0 {
			b.Fatalf("print: %v", err)
		}
	}
}
