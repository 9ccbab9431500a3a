package pdf

import (
	"bytes"
	"strconv"

	"codeberg.org/go-pdf/fpdf"
)

// Signature block geometry (millimetres): signature, name and date columns.
const (
	sigW, nameW, dateW = 66.0, 62.0, 34.0
	sigGap             = 4.0
	sigImageH          = 14.0
	sigBlockH          = 30.0
)

// signature prints a labelled block: lines for the signature, the name and the
// date, with the tablet signature, the signer and the time when the document is signed.
// The signature fills the first block only: templates put the patient's (or guardian's)
// block first, and the doctor's or clinic's lines after it are not the patient's to sign.
func (w *writer) signature(label string, x float64) {
	w.need(sigBlockH)
	w.y += 1
	w.line(sansBold, bodySize, clip(w.fs, label, sansBold, bodySize, bodyW), x, w.y)
	w.y += bodyLead + 1
	lineY := w.y + sigImageH + 1
	nameX := x + sigW + sigGap
	dateX := nameX + nameW + sigGap
	if s := w.doc.Signature; s != nil && !w.signed {
		w.signed = true
		w.signatureImage(s.PNG, x, w.y)
		w.line(sans, 9, clip(w.fs, s.SignedBy, sans, 9, nameW), nameX, lineY-bodyLead)
		w.line(sans, 9, clip(w.fs, w.words.when(s.SignedAt), sans, 9, dateW), dateX, lineY-bodyLead)
	}
	for _, c := range [][2]float64{{x, sigW}, {nameX, nameW}, {dateX, dateW}} {
		w.rule(c[0], lineY, c[0]+c[1], lineY, 0.25, 0)
	}
	w.line(sans, 7.5, w.words.signature, x, lineY+0.8)
	w.line(sans, 7.5, w.words.name, nameX, lineY+0.8)
	w.line(sans, 7.5, w.words.date, dateX, lineY+0.8)
	w.y = lineY + 6 + paraGap
}

// signatureImage places the tablet PNG (scaled to fit the signature box) once registered with the document.
func (w *writer) signatureImage(png []byte, x, y float64) {
	if len(png) == 0 {
		return
	}
	name := "sig" + strconv.Itoa(w.first)
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	info := w.p.GetImageInfo(name)
	if info == nil {
		info = w.p.RegisterImageOptionsReader(name, opt, bytes.NewReader(png))
	}
	if info == nil || info.Height() == 0 {
		return
	}
	wd, ht := sigImageH*info.Width()/info.Height(), sigImageH
	if wd > sigW {
		wd, ht = sigW, sigW*info.Height()/info.Width()
	}
	w.p.ImageOptions(name, x, y+sigImageH-ht, wd, ht, false, opt, 0, "")
}
