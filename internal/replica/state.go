// Package replica owns what this laptop knows of its place in a shared workspace: the
// sync state (DESIGN §5). It is local (never synced), kept in the store's meta table, and
// read and written here as typed fields instead of loose keys spread over the sync engine.
//
// What describes a segment (the chain of this laptop's own segments, what it wrote to the
// folder, a restore not yet caught up, the workspace joined) changes only inside the
// transaction of what it describes (Change); the bookkeeping of the last sync (when, its
// error, what waits) may change on its own (Note), since losing it loses nothing.
//
// Sealing, the outbox, applying remote changes, conflicts and devices still live in
// package model: applying a change reads and writes rows and their clocks with model's
// internals, and moving them here needs that API designed first (docs/ARCHITECTURE.md).
package replica

import (
	"context"
	"fmt"
	"strconv"

	"pacta/internal/errs"
	"pacta/model"
)

// State is this laptop's sync state.
type State struct {
	// The workspace this laptop belongs to, as accepted when it was shared or joined.
	Workspace     string // its id
	WorkspaceName string
	Founder       string // the founding device
	FounderKey    string // its public key: the root of trust
	Created       string // when the workspace was created (RFC 3339)

	// This laptop's own chain of segments.
	Segment     int64  // the number of the last segment it sealed
	SegmentHash string // that segment's SHA-256: the next one's Prev
	Exported    int64  // the last own change written to the folder
	// Restored: a database restored from a backup that has not yet recovered this laptop's
	// later segments from the folder.
	Restored bool
	// RenewFrom names the copied identity this laptop is leaving while it takes a new one
	// (a renewal interrupted is resumed from it).
	RenewFrom string

	// Bookkeeping (Note may change these on their own).
	Folder           string // the last folder used
	LastSync         string // when the last sync ended without an error (RFC 3339)
	LastError        string // the last sync's error, "" when it succeeded
	PendingIn        int64  // changes in the folder this laptop cannot apply yet
	FullCheck        string // when repair last read back every segment of this laptop (RFC 3339)
	WorkspaceChanged string // the fingerprint workspace.json shows when it is not the accepted one
}

// field is one field of State and its key in the meta table.
type field struct {
	key  string
	book bool // bookkeeping: Note may change it
	str  *string
	num  *int64
	flag *bool
}

// fields lists s's fields. The keys are those earlier versions wrote, so that a workspace
// shared by them keeps its state.
func (s *State) fields() []field {
	return []field{
		{key: "sync.workspace", str: &s.Workspace},
		{key: "sync.workspace_name", str: &s.WorkspaceName},
		{key: "sync.founder", str: &s.Founder},
		{key: "sync.founder_key", str: &s.FounderKey},
		{key: "sync.workspace_created", str: &s.Created},
		{key: "sync.segment", num: &s.Segment},
		{key: "sync.segment_hash", str: &s.SegmentHash},
		{key: "sync.exported_seq", num: &s.Exported},
		{key: "sync.restored", flag: &s.Restored},
		{key: "sync.renew_from", str: &s.RenewFrom},
		{key: "sync.folder", book: true, str: &s.Folder},
		{key: "sync.last", book: true, str: &s.LastSync},
		{key: "sync.last_error", book: true, str: &s.LastError},
		{key: "sync.pending_in", book: true, num: &s.PendingIn},
		{key: "sync.full_check", book: true, str: &s.FullCheck},
		{key: "sync.workspace_changed", book: true, str: &s.WorkspaceChanged},
	}
}

func (f field) text() string {
	switch {
	case f.num != nil:
		if *f.num == 0 {
			return ""
		}
		return strconv.FormatInt(*f.num, 10)
	case f.flag != nil:
		if *f.flag {
			return "1"
		}
		return ""
	}
	return *f.str
}

func (f field) set(v string) error {
	switch {
	case f.num != nil:
		if v == "" {
			*f.num = 0
			return nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return errs.E(errs.Op("read sync state"), errs.Internal, fmt.Errorf("%s = %q: %w", f.key, v, err))
		}
		*f.num = n
	case f.flag != nil:
		*f.flag = v != ""
	default:
		*f.str = v
	}
	return nil
}

// Read reads the state as q sees it (a store's readers, or a transaction).
func Read(q model.Querier) (State, error) {
	var rows []struct {
		Key   string `db:"key"`
		Value string `db:"value"`
	}
	if err := q.Select(&rows, "SELECT key, value FROM meta WHERE key LIKE 'sync.%'"); err != nil {
		return State{}, errs.E(errs.Op("read sync state"), err)
	}
	got := make(map[string]string, len(rows))
	for _, r := range rows {
		got[r.Key] = r.Value
	}
	var s State
	for _, f := range s.fields() {
		if err := f.set(got[f.key]); err != nil {
			return State{}, err
		}
	}
	return s, nil
}

// Change changes the state inside tx, the transaction of what the change describes: f is
// given the state as stored and changes it; the fields it changed are written.
func Change(tx *model.Tx, f func(*State)) error {
	s, err := Read(tx)
	if err != nil {
		return err
	}
	before := s
	f(&s)
	return write(before, s, func(key, value string) error { return tx.SetMetaTx(key, value) })
}

// Note changes the bookkeeping of the last sync, outside any transaction of the sync. It
// refuses to change any other field: those change only with what they describe (Change).
func Note(ctx context.Context, st *model.Store, f func(*State)) error {
	s, err := Read(st.DB())
	if err != nil {
		return err
	}
	before := s
	f(&s)
	bf, af := before.fields(), s.fields()
	for i := range bf {
		if !bf[i].book && bf[i].text() != af[i].text() {
			return errs.E(errs.Op("note sync state"), errs.Internal,
				fmt.Errorf("%s describes a segment: it changes only in that segment's transaction", bf[i].key))
		}
	}
	return write(before, s, func(key, value string) error { return st.SetMeta(ctx, key, value) })
}

// write writes the fields of after that differ from before.
func write(before, after State, set func(key, value string) error) error {
	bf, af := before.fields(), after.fields()
	for i := range bf {
		if v := af[i].text(); v != bf[i].text() {
			if err := set(af[i].key, v); err != nil {
				return errs.E(errs.Op("write sync state"), err)
			}
		}
	}
	return nil
}
