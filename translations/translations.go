// Package translations holds a workspace's own translations of the language bundles
// (issue 22): translators edit them in the window or import a bundle, they travel to every
// laptop through the shared folder like any other row, and they win over the shipped
// texts until a translator accepts the shipped text again.
package translations

import (
	"pacta/i18n"
	"pacta/internal/errs"
	"pacta/model"
)

// ID is the row id of key's translation into lang: one row per key and language, so that
// two laptops translating the same key meet on it.
func ID(lang, key string) string { return "tr-" + lang + "-" + key }

// Stored is the workspace's translation of key into lang; a row marked deleted when there
// is none (the shipped text is in use).
func Stored(q model.Querier, lang, key string) model.Translation {
	id := ID(lang, key)
	if e, err := model.LoadEntity(q, "translations", id); err == nil {
		return *e.(*model.Translation)
	}
	return model.Translation{Row: model.Row{ID: id, Deleted: true}, Lang: lang, Key: key}
}

// All lists the workspace's live translations.
func All(q model.Querier) ([]model.Translation, error) {
	var out []model.Translation
	err := q.Select(&out, `SELECT id, deleted, lang, key, one, other, source_hash FROM translations
		WHERE deleted = 0 ORDER BY lang, key`)
	if err != nil {
		return nil, errs.E("list translations", err)
	}
	return out, nil
}

// Apply makes the workspace's translations the ones in use (the window relabels itself).
func Apply(q model.Querier) error {
	ts, err := All(q)
	if err != nil {
		return err
	}
	list := make([]i18n.Translation, 0, len(ts))
	for _, t := range ts {
		// One row per language and key: a row from another laptop whose id does not say
		// what it holds would compete with the real one, and laptops could show different
		// texts; it is left out.
		if t.ID != ID(t.Lang, t.Key) {
			continue
		}
		list = append(list, i18n.Translation{Lang: t.Lang, Key: t.Key, One: t.One, Other: t.Other, SourceHash: t.SourceHash})
	}
	i18n.Default().SetTranslations(list)
	return nil
}

// checkLang refuses a language that is not Pacta's, or English (the source, changed in
// the code).
func checkLang(lang string) error {
	for _, l := range i18n.Languages {
		if l.Code == lang && lang != i18n.Source {
			return nil
		}
	}
	return errs.E("translate", errs.Invalid, errs.Key("i18n.problem.lang"), map[string]any{"Lang": lang})
}

// Edit writes a translator's text of key in lang over base (Stored, read when the editor
// opened): were it changed elsewhere meanwhile, this text is written and the other kept
// as a conflict. forms are the plural forms ("other", and "one" where it applies); the
// text is checked against the English (the same fields, the language's plural forms).
func Edit(tx *model.Tx, base model.Translation, forms map[string]string) error {
	if err := checkLang(base.Lang); err != nil {
		return err
	}
	if p := i18n.Default().CheckMessage(base.Lang, base.Key, forms); p != nil {
		return errs.E("translate "+base.Key, errs.Invalid, errs.Key(p.Key), p.Data)
	}
	after := base
	after.Deleted = false
	after.One, after.Other = forms["one"], forms["other"]
	after.SourceHash = i18n.Default().SourceHashOf(base.Key)
	if base.Deleted {
		return tx.Put(&after)
	}
	return tx.PutEdit(&base, &after)
}

// Set is Edit over what the workspace holds now.
func Set(tx *model.Tx, lang, key string, forms map[string]string) error {
	return Edit(tx, Stored(tx, lang, key), forms)
}

// Accept gives key in lang back to the shipped text: the workspace's translation is
// removed (on every laptop, once synced).
func Accept(tx *model.Tx, lang, key string) error {
	t := Stored(tx, lang, key)
	if t.Deleted {
		return nil
	}
	return tx.Delete(&t)
}

// Import writes the changes of an imported bundle (i18n.Bundle.ReadImport) as the
// workspace's translations, keeping the English hash each was made from.
func Import(tx *model.Tx, lang string, changes []i18n.Change) error {
	if err := checkLang(lang); err != nil {
		return err
	}
	for _, c := range changes {
		base := Stored(tx, lang, c.Key)
		after := base
		after.Deleted = false
		after.One, after.Other, after.SourceHash = c.One, c.New, c.SourceHash
		var err error
		if base.Deleted {
			err = tx.Put(&after)
		} else {
			err = tx.PutEdit(&base, &after)
		}
		if err != nil {
			return errs.E("import translation "+c.Key, err)
		}
	}
	return nil
}
