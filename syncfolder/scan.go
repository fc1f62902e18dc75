// Reading the shared folder: every segment file found, checked before anything is applied,
// and the next segment of each device in order.

package syncfolder

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"pacta/internal/replica"
)

type candidate struct {
	name string
	seg  *Segment
}

type scan struct {
	// cands are the readable segments not applied yet, device → number → files. A device
	// with a pinned key has at most one file a number, signed with that key; a device not
	// enrolled yet may have several, sorted out by their signatures once it is.
	cands      map[string]map[int64][]candidate
	quarantine map[string]replica.Quarantined
	incomplete int
	// ownIncomplete counts this device's own files still being copied (a restored
	// store recovers its later segments from its own log).
	ownIncomplete int
	clones        map[string]bool
}

func (s *scan) bad(name, device string, segment int64, reason, detail string) {
	s.quarantine[name] = replica.Quarantined{Name: name, Device: device, Segment: segment, Reason: reason, Detail: detail}
}

// scanFolder reads every segment this replica has not applied yet. Signatures are checked
// before anything else: a file that a device's pinned key did not sign is quarantined as
// a forgery and never counts as a clone, nor takes a genuine segment's place.
func (e *Engine) scanFolder(ctx context.Context, ws string) (*scan, error) {
	s := &scan{cands: map[string]map[int64][]candidate{}, quarantine: map[string]replica.Quarantined{}, clones: map[string]bool{}}
	devs, err := e.FS.ReadDir(logDir)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", logDir, err)
	}
	db := e.Store.DB()
	st := e.state()
	founder, founderKey := st.Founder, st.FounderKey
	sort.Strings(devs)
	restored := e.restored(ctx)
	for _, dev := range devs {
		own := dev == e.ID.Device
		if Ignored(dev) || own && !restored || !validID(dev) {
			continue
		}
		dir := path.Join(logDir, dev)
		names, err := e.FS.ReadDir(dir)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || errors.Is(err, os.ErrInvalid) {
				continue // a plain file named like a device, or gone meanwhile
			}
			return nil, fmt.Errorf("read %s: %w", dir, err)
		}
		key := trustOf(db, founder, founderKey, dev).key
		if own {
			key = e.ID.PublicKey
		}
		sort.Strings(names)
		for _, name := range names {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			num, prefix, ok := ParseSegmentName(name)
			if Ignored(name) || !ok {
				continue
			}
			rel := path.Join(dev, name)
			rec, known, err := replica.GetSegment(db, dev, num)
			if err != nil {
				return nil, err
			}
			if known && rec.SHA256[:16] == prefix {
				continue // applied before: never read again
			}
			data, err := e.FS.ReadFile(path.Join(dir, name))
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					continue
				}
				return nil, fmt.Errorf("read %s: %w", rel, err)
			}
			seg, err := Decode(data)
			switch {
			case errors.Is(err, ErrIncomplete):
				s.incomplete++
				if own {
					s.ownIncomplete++
				}
				continue
			case err != nil:
				s.bad(rel, dev, num, ReasonDamaged, err.Error())
				continue
			case key != nil && !seg.Verify(key):
				s.bad(rel, dev, num, ReasonSignature, forgedDetail)
				continue
			case seg.SHA256[:16] != prefix || seg.Device != dev || seg.Segment != num:
				s.bad(rel, dev, num, ReasonMisplaced, fmt.Sprintf("the file says it is segment %d of %s", seg.Segment, short(seg.Device)))
				continue
			case seg.Workspace != ws:
				s.bad(rel, dev, num, ReasonWorkspace, "written for workspace "+seg.Workspace)
				continue
			case own && known:
				continue // checkOwnLog tells a copied identity
			case known && key != nil:
				s.bad(rel, dev, num, ReasonClone, "segment "+strconv.FormatInt(num, 10)+" was already applied with other content")
				s.clones[dev] = true
				continue
			case known:
				s.bad(rel, dev, num, ReasonUnenrolled, "the device is not enrolled in this workspace (yet)")
				continue
			}
			if s.cands[dev] == nil {
				s.cands[dev] = map[int64][]candidate{}
			}
			s.cands[dev][num] = append(s.cands[dev][num], candidate{name: rel, seg: seg})
			if key != nil && len(s.cands[dev][num]) > 1 {
				s.clone(dev, num, s.cands[dev][num])
			}
		}
	}
	return s, nil
}

// clone quarantines two or more validly signed segments with one number and neither
// applied here: every replica then makes the same choice (none), and the device's later
// segments, which follow one of them, wait behind it.
func (s *scan) clone(dev string, num int64, cs []candidate) {
	for _, c := range cs {
		var others []string
		for _, o := range cs {
			if o.name != c.name {
				others = append(others, o.name)
			}
		}
		s.bad(c.name, dev, num, ReasonClone, "another file has the same segment number: "+strings.Join(others, ", "))
	}
	s.clones[dev] = true
	delete(s.cands[dev], num)
}

// next picks the segment to apply as number num of dev, now that the device's key is
// known: files its key did not sign are forgeries, and two it signed are a clone.
func (s *scan) next(dev string, num int64, key []byte) (candidate, bool) {
	var valid []candidate
	for _, c := range s.cands[dev][num] {
		if c.seg.Verify(key) {
			valid = append(valid, c)
		} else {
			s.bad(c.name, dev, num, ReasonSignature, forgedDetail)
		}
	}
	switch len(valid) {
	case 0:
		delete(s.cands[dev], num)
		return candidate{}, false
	case 1:
		s.cands[dev][num] = valid
		return valid[0], true
	}
	s.clone(dev, num, valid)
	return candidate{}, false
}
