// Cutting what one export seals into segments of at most MaxSegmentBytes, at places where
// no change refers to a row that a later segment creates.

package syncfolder

import (
	"bytes"
	"encoding/json"
	"fmt"

	"pacta/model"
)

// MaxSegmentBytes is the size a segment stays under (DESIGN §5): a sync tool copies a
// segment whole before anyone can read any of it, and a reader applies it in one
// transaction. A segment is larger only when the changes of rows that refer to one another
// cannot be cut apart under it (see cuts). A variable so that tests can make it small.
var MaxSegmentBytes = 4 << 20

// segmentLine is one change as a segment carries it: its JSON line, without the newline.
func segmentLine(c model.Change) ([]byte, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode segment: change %d: %w", c.Seq, err)
	}
	return b, nil
}

// cuts says where a run of changes, in the order they go to the folder, may end a segment
// and the next begin: cut[i] is true when a segment may begin at change i. A reader applies
// each segment in one transaction, and SQLite checks the (deferred) foreign keys at its
// commit: so no segment may hold a change that refers to a row that a later segment
// creates. The changes from a reference to the creation it refers to therefore share a
// segment, and with them, rows that refer to each other. Every change's own row was
// created before it (by an earlier change, or in an earlier segment), so only references
// need checking.
func cuts(q model.Querier, chs []model.Change) ([]bool, error) {
	fks := map[string][]model.ForeignKey{}
	referred := map[string]bool{}
	for _, c := range chs {
		if _, ok := fks[c.Table]; ok {
			continue
		}
		f, err := model.ForeignKeys(q, c.Table)
		if err != nil {
			return nil, err
		}
		fks[c.Table] = f
		for _, k := range f {
			referred[k.Table] = true
		}
	}
	created := map[string]int{} // table, row → index of the change creating it
	for i, c := range chs {
		if referred[c.Table] && creates(c) {
			created[c.Table+"\x00"+c.Row] = i
		}
	}
	// blocked[i] > 0: a reference before i needs a creation at or after i.
	blocked := make([]int, len(chs)+1)
	for i, c := range chs {
		if len(fks[c.Table]) == 0 {
			continue
		}
		var vals map[string]json.RawMessage
		if err := json.Unmarshal(c.Fields, &vals); err != nil {
			return nil, fmt.Errorf("change %d of %s: %w", c.Seq, c.Table, err)
		}
		for _, k := range fks[c.Table] {
			var id string
			if raw, ok := vals[k.Column]; !ok || json.Unmarshal(raw, &id) != nil || id == "" {
				continue
			}
			if j, ok := created[k.Table+"\x00"+id]; ok && j > i {
				blocked[i+1]++
				blocked[j+1]--
			}
		}
	}
	out := make([]bool, len(chs))
	open := 0
	for i := range chs {
		open += blocked[i]
		out[i] = open == 0
	}
	return out, nil
}

// creates reports whether c creates its row: a creation carries the row's id, which no
// other change does.
func creates(c model.Change) bool {
	if bytes.HasPrefix(c.Fields, []byte(`{"id":`)) {
		return true
	}
	if !bytes.Contains(c.Fields, []byte(`"id"`)) {
		return false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(c.Fields, &m) != nil {
		return false
	}
	_, ok := m["id"]
	return ok
}

// split cuts chs (in order) into runs whose lines take at most max bytes where the cuts
// allow it, and hands each run to emit as it is made (the indexes of its first and last
// change, and their lines), so that one run's lines at a time are in memory. A change's
// line is made once, and the change is then cleared from chs (its fields are no longer
// needed), so that a first share does not hold every change twice.
func split(chs []model.Change, cut []bool, max int, emit func(from, to int, lines [][]byte) error) error {
	var cur [][]byte
	size, from := 0, 0
	for i := range chs {
		line, err := segmentLine(chs[i])
		if err != nil {
			return err
		}
		chs[i] = model.Change{Seq: chs[i].Seq}
		if len(cur) > 0 && size+len(line)+1 > max && cut[i] {
			if err := emit(from, i-1, cur); err != nil {
				return err
			}
			cur, size, from = nil, 0, i
		}
		cur = append(cur, line)
		size += len(line) + 1
	}
	if len(cur) == 0 {
		return nil
	}
	return emit(from, len(chs)-1, cur)
}
