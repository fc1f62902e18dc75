// The council commands about meetings and documents: recording a meeting, printing the roster, a
// selection record or minutes.

package app

import (
	"fmt"
	"os"
	"strings"

	"pacta/councils"
	"pacta/model"
)

func cmdCouncilMeetingAdd(env *Env, args []string) error {
	fs, home := Flags("council meeting add")
	date := fs.String("date", "", "the meeting's date YYYY-MM-DD")
	agendaFile := fs.String("agenda-file", "", "a text file with the agenda")
	agenda := fs.String("agenda", "", "the agenda as text (instead of --agenda-file)")
	var present multi
	fs.Var(&present, "present", "a member present (repeatable)")
	decisions := fs.String("decision-file", "", "decisions: text, one per paragraph, or JSON with votes by side")
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	n := councils.NewMeeting{Date: *date, Agenda: *agenda, Present: present}
	if *agendaFile != "" {
		b, err := os.ReadFile(*agendaFile)
		if err != nil {
			return fmt.Errorf("council meeting add: %w", err)
		}
		n.Agenda = string(b)
	}
	if *decisions != "" {
		if n.Decisions, err = readDecisions(*decisions); err != nil {
			return err
		}
	}
	var m model.CouncilMeeting
	var members []model.CouncilMember
	if err := ws.Store.Update(env.Ctx, func(tx *model.Tx) (err error) {
		if m, err = councils.AddMeeting(tx, c, n); err != nil {
			return err
		}
		members, err = councils.Members(tx, c.ID)
		return err
	}); err != nil {
		return err
	}
	q := councils.QuorumOf(c, members, m)
	state := "quorum reached"
	if !q.OK {
		state = "WITHOUT QUORUM"
	}
	env.Printf("%s: meeting of %s recorded, %d present (government %d, civil %d): %s\n", c.Name, m.Date, q.Total, q.Government, q.Civil, state)
	return nil
}

func cmdCouncilPDF(env *Env, args []string) error {
	fs, home := Flags("council pdf")
	doc := fs.String("doc", "roster", "roster, draw or minutes")
	meeting := fs.String("meeting", "", "the meeting's date (minutes; default the latest)")
	selection := fs.String("selection", "", "the selection's date (draw; default the latest)")
	out := fs.String("o", "", "the PDF file to write")
	lang := fs.String("lang", "", "language of the document (default the workspace's)")
	ws, c, err := oneCouncil(env, fs, home, args)
	if err != nil {
		return err
	}
	defer ws.Close()
	if *out == "" {
		return Usagef("-o FILE is required")
	}
	if *lang == "" {
		*lang = ws.Language()
	}
	q := ws.Store.DB()
	var b []byte
	switch *doc {
	case councils.DocRoster:
		b, err = councils.RosterPDF(q, c, *lang, today())
	case councils.DocDraw:
		ss, err2 := councils.Selections(q, c.ID)
		if err2 != nil {
			return err2
		}
		var pick *model.CouncilSelection
		for i := range ss {
			if *selection == "" || ss[i].Date == *selection {
				pick = &ss[i]
				break
			}
		}
		if pick == nil {
			return Usagef("%s has no selection record%s: record one with pacta council draw or pacta council selection add", c.Name, onDate(*selection))
		}
		b, err = councils.DrawPDF(q, c, *pick, *lang, today())
	case councils.DocMinutes:
		ms, err2 := councils.Meetings(q, c.ID)
		if err2 != nil {
			return err2
		}
		var pick *model.CouncilMeeting
		for i := range ms {
			if *meeting == "" || ms[i].Date == *meeting {
				pick = &ms[i]
				break
			}
		}
		if pick == nil {
			return Usagef("%s has no meeting%s: record one with pacta council meeting add", c.Name, onDate(*meeting))
		}
		b, err = councils.MinutesPDF(q, c, *pick, *lang, today())
	default:
		return Usagef("--doc takes %s", strings.Join(councils.Docs, ", "))
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("council pdf: %w", err)
	}
	env.Printf("%s written (%d bytes)\n", *out, len(b))
	return nil
}

func onDate(d string) string {
	if d == "" {
		return ""
	}
	return " on " + d
}
