// The municipality's logo on agreements: kept by its SHA-256 as an attachment that syncs.

package pacts

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"image"

	"pacta/internal/errs"
	"pacta/model"
)

// MaxLogo is the largest logo image accepted: it travels with every sync.
const MaxLogo = 512 << 10

// SetLogo keeps the image b as the municipality's logo: a PNG or a JPEG of at most MaxLogo
// bytes. Logos already used stay stored, so that a signed agreement prints with its own.
// An empty b removes the logo from agreements not signed yet.
func SetLogo(tx *model.Tx, b []byte) (string, error) {
	if len(b) == 0 {
		cur, err := model.GetSetting(tx, SettingLogo, "")
		if err != nil {
			return "", err
		}
		return "", tx.EditSetting(SettingLogo, cur, "")
	}
	if err := CheckLogo(b); err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	sha := hex.EncodeToString(sum[:])
	if err := tx.PutSetting(logoPrefix+sha, base64.StdEncoding.EncodeToString(b)); err != nil {
		return "", err
	}
	cur, err := model.GetSetting(tx, SettingLogo, "")
	if err != nil {
		return "", err
	}
	return sha, tx.EditSetting(SettingLogo, cur, sha)
}

// CheckLogo refuses what is not a PNG or JPEG image, or is too large.
func CheckLogo(b []byte) error {
	if len(b) > MaxLogo {
		return errs.E("logo", errs.Invalid, errs.Key("pact.error.logo_too_large"), map[string]any{"KB": MaxLogo >> 10})
	}
	_, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || (format != "png" && format != "jpeg") {
		return errs.E("logo", errs.Invalid, errs.Key("pact.error.logo_not_image"))
	}
	return nil
}

// Logo reads a logo kept by SetLogo, by its SHA-256: nil when there is none.
func Logo(q model.Querier, sha string) ([]byte, error) {
	if sha == "" {
		return nil, nil
	}
	v, err := model.GetSetting(q, logoPrefix+sha, "")
	if err != nil || v == "" {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return nil, fmt.Errorf("the logo %s is damaged: %w", short(sha), err)
	}
	return b, nil
}
