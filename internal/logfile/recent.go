package logfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"
)

// Entry is one record read back from the log.
type Entry struct {
	Time  time.Time
	Level slog.Level
	Msg   string
	Attrs []Attr // the record's other keys, in the order written
	raw   json.RawMessage
}

// Attr is one key of a record with its value as text: a string as it is, anything else
// (a number, a group) as its JSON.
type Attr struct {
	Key, Value string
}

// MarshalJSON gives the record as the log holds it: {"time", "level", "msg", …}.
func (e Entry) MarshalJSON() ([]byte, error) {
	if e.raw == nil {
		return json.Marshal(map[string]any{"time": e.Time, "level": e.Level.String(), "msg": e.Msg})
	}
	return e.raw, nil
}

// Recent returns the last n records at min or above of the log at path and its keep
// rotated files, oldest first. Lines that are not records (cut by a crash, written by
// something else) are skipped; a log not written yet has no records.
func Recent(path string, keep int, min slog.Level, n int) ([]Entry, error) {
	var out []Entry
	for i := 0; i <= keep && len(out) < n; i++ {
		es, err := readFile(Rotated(path, i), min)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(es, out...)
	}
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out, nil
}

func readFile(path string, min slog.Level) ([]Entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Entry
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadBytes('\n')
		if e, ok := parse(line); ok && e.Level >= min {
			out = append(out, e)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
}

// parse reads one JSON line of slog's JSON handler.
func parse(line []byte) (Entry, bool) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' || !json.Valid(line) {
		return Entry{}, false
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // {
		return Entry{}, false
	}
	e := Entry{raw: json.RawMessage(line)}
	var level string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return Entry{}, false
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return Entry{}, false
		}
		var s string
		isString := json.Unmarshal(v, &s) == nil
		switch {
		case key == slog.TimeKey && isString:
			e.Time, _ = time.Parse(time.RFC3339Nano, s)
		case key == slog.LevelKey && isString:
			level = s
		case key == slog.MessageKey && isString:
			e.Msg = s
		case isString:
			e.Attrs = append(e.Attrs, Attr{key, s})
		default:
			e.Attrs = append(e.Attrs, Attr{key, string(v)})
		}
	}
	if level == "" || e.Level.UnmarshalText([]byte(level)) != nil {
		return Entry{}, false
	}
	return e, true
}

// Summary is the record on one line for a person: its message and its keys, long values
// cut and a stack trace left in the log.
func (e Entry) Summary() string {
	var b strings.Builder
	b.WriteString(e.Msg)
	for _, a := range e.Attrs {
		v := a.Value
		if a.Key == "stack" {
			v = "(in the log)"
		}
		v = strings.Join(strings.Fields(v), " ")
		if r := []rune(v); len(r) > 160 {
			v = string(r[:159]) + "…"
		}
		fmt.Fprintf(&b, " %s=%s", a.Key, v)
	}
	return b.String()
}
