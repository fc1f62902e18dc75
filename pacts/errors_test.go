package pacts

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"pacta/internal/errs"
	"pacta/model"
)

// TestErrorKinds: what a person meets has a kind, and a key that names the field as the
// window does; the English message (the command line's) keeps saying what to fix, without
// the command line's own words.
func TestErrorKinds(t *testing.T) {
	st := openStore(t)
	d := draftPact(t, st)
	in := func(f func(tx *model.Tx) error) error { return st.Update(ctx, f) }
	for _, tc := range []struct {
		name string
		err  error
		kind errs.Kind
		keys []string // the keys of the messages, in order
		text string   // in the English message
		is   error    // errors.Is finds it
	}{
		{name: "a new pact without a title",
			err:  func() error { _, err := Create(ctx, st, NewPact{Title: " "}, By{Actor: "t"}); return err }(),
			kind: errs.Invalid, keys: []string{"pact.error.title_required"}, text: "new pact: give the pact a title"},
		{name: "details, every problem",
			err:  Details{Kind: "huge", StartDate: "soon", DurationMonths: 1201, ExtensionMonths: -1, ReportMonths: 121}.Validate(),
			kind: errs.Invalid, keys: []string{"pact.error.title_required", "pact.error.kind_unknown", "pact.error.field_date",
				"pact.error.months_range", "pact.error.months_range", "pact.error.months_range"},
			text: "pact details: give the pact a title; the kind “huge” is unknown; use ordinary or complex; “Start date”: “soon” is not a date"},
		{name: "a deadline out of range",
			err: in(func(tx *model.Tx) error {
				return EditDeadlines(tx, DefaultDeadlines, Deadlines{OrdinaryAnswer: 30, ComplexPublish: 10, ComplexObservations: 60, ComplexDecision: 4000})
			}),
			kind: errs.Invalid, keys: []string{"pact.error.deadline_range"},
			text: "deadlines: “Complex: decision within (days after observations)” is out of range: give a number of days from 1 to 3650, not 4000"},
		{name: "a date", err: func() error { _, err := ParseDate("1/3/2026"); return err }(),
			kind: errs.Invalid, keys: []string{"pact.error.not_a_date"}, text: "“1/3/2026” is not a date; write it as YYYY-MM-DD"},
		{name: "a party without a name", err: ValidateParty(model.PactParty{Role: RoleProponent}),
			kind: errs.Invalid, keys: []string{"pact.error.party_name_required"}, text: "party: give the party a name"},
		{name: "a party twice",
			err: in(func(tx *model.Tx) error {
				_, err := PutParty(tx, d.Pact.ID, model.PactParty{Name: "associazione vicini", Role: RoleProponent})
				return err
			}),
			kind: errs.Conflict, keys: []string{"pact.error.party_exists"}, text: "associazione vicini is already a party of " + d.Pact.Ref + " as Proponent"},
		{name: "no such party", err: func() error { _, err := d.FindParty("Nessuno"); return err }(),
			kind: errs.NotFound, keys: []string{"pact.error.no_party"}, text: "has no party “Nessuno”; its parties are: "},
		{name: "an asset the registry lacks",
			err:  in(func(tx *model.Tx) error { return LinkAsset(tx, d.Pact.ID, "ASSET-9999") }),
			kind: errs.NotFound, keys: []string{"pact.error.asset_not_found"}, text: "link asset: no asset of the registry has the reference or id ASSET-9999"},
		{name: "negative support", err: in(func(tx *model.Tx) error {
			return AddSupport(tx, d.Pact.ID, model.PactSupport{Kind: "materials", Value: -1})
		}),
			kind: errs.Invalid, keys: []string{"pact.error.support_negative"}},
		{name: "an indicator without a name", err: in(func(tx *model.Tx) error { return AddIndicator(tx, d.Pact.ID, model.PactIndicator{}) }),
			kind: errs.Invalid, keys: []string{"pact.error.indicator_name_required"}},
		{name: "a pact that is not there", err: func() error { _, err := Load(st.DB(), "01nothere"); return err }(),
			kind: errs.NotFound, text: "pact 01nothere: not found", is: ErrNotFound},
		{name: "a reference that is not there", err: func() error { _, err := LoadRef(st.DB(), "PACT-1999-0001"); return err }(),
			kind: errs.NotFound, text: "PACT-1999-0001: not found", is: ErrNotFound},
		{name: "a move the rules refuse", err: Transition(ctx, st, d.Pact.ID, Approved, "", By{Actor: "t"}),
			kind: errs.Conflict, text: d.Pact.Ref + " draft → approved: a pact that is Draft cannot become Approved"},
		{name: "a file too large, wrapped", err: fmt.Errorf("attach x: %w", ErrTooLarge),
			kind: errs.Invalid, keys: []string{"pact.error.too_large"}, text: "attach x: the file is larger than 25 MB", is: ErrTooLarge},
		{name: "a section text with an unknown field", err: in(func(tx *model.Tx) error { return SetSection(tx, d.Pact.ID, "risks", "{{.Nobody}}") }),
			kind: errs.Invalid, text: "{{.Proponent}}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.err)
			require.Equal(t, tc.kind, errs.KindOf(tc.err), "%v", tc.err)
			require.Equal(t, tc.keys, keysOf(tc.err))
			require.Contains(t, tc.err.Error(), tc.text)
			for _, w := range []string{"`pacta", "--", ".error."} {
				require.NotContains(t, tc.err.Error(), w, "the command line adds its own hints")
			}
			if tc.is != nil {
				require.ErrorIs(t, tc.err, tc.is)
			}
		})
	}
}

// keysOf lists the translation keys of err's messages: the outermost keyed error's, or
// those of a joined error's parts.
func keysOf(err error) []string {
	if e := errs.Keyed(err); e != nil {
		return []string{e.Key}
	}
	var out []string
	for e := err; e != nil; e = errors.Unwrap(e) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				out = append(out, keysOf(x)...)
			}
			return out
		}
	}
	return nil
}

// No error message of this package tells a person to run a command: that is the command
// line's to say (app's hints), and the window shows these messages too.
func TestNoCommandLineInErrorMessages(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for i, line := range strings.Split(string(b), "\n") {
			if (strings.Contains(line, "Errorf(") || strings.Contains(line, "errors.New(")) && strings.Contains(line, "`pacta ") {
				t.Errorf("%s:%d: a command in an error message: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
