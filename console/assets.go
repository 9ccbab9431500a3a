package console

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"sync"

	"github.com/gofiber/fiber/v2"
)

//go:embed assets
var assetFiles embed.FS

// asset is one embedded file with its ETag.
type asset struct {
	body []byte
	etag string
	kind string
}

// assets are read and hashed on the first request that needs one, not at start.
var assets = sync.OnceValue(loadAssets)

func loadAssets() map[string]asset {
	out := map[string]asset{}
	entries, err := fs.ReadDir(assetFiles, "assets")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		body, err := fs.ReadFile(assetFiles, "assets/"+e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(body)
		out[e.Name()] = asset{body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`,
			kind: mime.TypeByExtension(path.Ext(e.Name()))}
	}
	return out
}

// AssetVersion is a short hash of an asset, put in its URL so a new binary's script
// is never mixed with an old cached one.
func AssetVersion(name string) string { return assets()[name].etag[1:9] }

// serveAsset answers the console's script, styles and icons, cached for a day and
// revalidated by ETag.
func serveAsset(fc *fiber.Ctx) error {
	a, ok := assets()[fc.Params("name")]
	if !ok {
		return fiber.ErrNotFound
	}
	fc.Set(fiber.HeaderETag, a.etag)
	fc.Set(fiber.HeaderCacheControl, "public, max-age=86400")
	if fc.Get(fiber.HeaderIfNoneMatch) == a.etag {
		return fc.SendStatus(fiber.StatusNotModified)
	}
	fc.Set(fiber.HeaderContentType, a.kind)
	return fc.Send(a.body)
}
